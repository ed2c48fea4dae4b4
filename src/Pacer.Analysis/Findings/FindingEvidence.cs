namespace Pacer.Analysis.Findings;

/// <summary>One number a finding rests on, with the seconds of the run it was taken over.</summary>
/// <param name="Name">Its name in the finding's <see cref="Finding.Headline"/> (<c>{cpu}</c> there stands for the evidence named <c>cpu</c>).</param>
/// <param name="Value">The number, in <paramref name="Unit"/>.</param>
/// <param name="Unit">What it counts.</param>
public sealed record FindingEvidence(string Name, double Value, FindingUnit Unit)
{
    /// <summary>The first second (a <see cref="Pacer.Core.Results.IntervalResult.T"/> key) the value was taken over; null for a whole-run figure.</summary>
    public double? From { get; init; }

    /// <summary>The last second it was taken over; null for a whole-run figure.</summary>
    public double? To { get; init; }
}
