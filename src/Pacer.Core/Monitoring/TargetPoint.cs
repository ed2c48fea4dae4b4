namespace Pacer.Core.Monitoring;

/// <summary>One second's value of a watched metric.</summary>
/// <param name="T">Seconds from the start of the run at the end of the second: the same key as the result's per-second series.</param>
/// <param name="Value">The value.</param>
public readonly record struct TargetPoint(double T, double Value);
