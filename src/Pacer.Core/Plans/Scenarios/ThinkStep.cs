namespace Pacer.Core.Plans.Scenarios;

/// <summary>A pause between steps, fixed (<c>1s</c>) or uniform in a range (<c>1s..3s</c>).</summary>
internal sealed class ThinkStep : FlowStep
{
    public required TimeSpan Min { get; init; }

    public required TimeSpan Max { get; init; }

    /// <summary>This iteration's pause.</summary>
    public TimeSpan Draw(Random random) =>
        Max <= Min ? Min : Min + TimeSpan.FromTicks((long)(random.NextDouble() * (Max - Min).Ticks));
}
