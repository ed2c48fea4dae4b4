namespace Pacer.Core.Results;

/// <summary>One second of a watched metric.</summary>
/// <param name="T">Seconds from the start of the run at the end of the second, the same key as <see cref="IntervalResult.T"/>.</param>
/// <param name="V">The value.</param>
public sealed record TargetPointResult(double T, double V);
