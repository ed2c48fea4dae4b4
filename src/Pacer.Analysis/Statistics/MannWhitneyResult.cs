namespace Pacer.Analysis.Statistics;

/// <summary>The outcome of <see cref="MannWhitney.Test"/>.</summary>
/// <param name="U">
/// The number of (baseline, current) pairs in which the current value is larger, ties counting one half. It runs from 0 to
/// n₁·n₂; divided by n₁·n₂ it is the probability that a random current value beats a random baseline value.
/// </param>
/// <param name="PValue">Two-sided p-value for "both samples come from the same distribution".</param>
public sealed record MannWhitneyResult(double U, double PValue);
