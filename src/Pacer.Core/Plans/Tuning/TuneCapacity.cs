namespace Pacer.Core.Plans.Tuning;

/// <summary>
/// The capacity search each trial runs for <c>objective: capacity</c>: constant-rate steps of the plan (each
/// <see cref="TuneSpec.Duration"/> long) from <see cref="Start"/> arrivals a second, bracketed and bisected to
/// <see cref="Precision"/>, within <see cref="Minimum"/>–<see cref="Maximum"/>, at most <see cref="MaxSteps"/> steps.
/// </summary>
/// <param name="Start">The first step's arrival rate (per second).</param>
/// <param name="Minimum">The lowest rate tried.</param>
/// <param name="Maximum">The highest rate tried.</param>
public sealed record TuneCapacity(double Start, double Minimum, double Maximum)
{
    /// <summary>How narrow the bracket gets, as a fraction (0.1: within 10%).</summary>
    public double Precision { get; init; } = 0.1;

    /// <summary>How many times the boundary is measured.</summary>
    public int Repeats { get; init; } = 1;

    /// <summary>The most steps a trial's search may take.</summary>
    public int MaxSteps { get; init; } = 10;
}
