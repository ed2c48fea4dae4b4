namespace Pacer.Core.Recording;

/// <summary>One point of a percentile spectrum: <paramref name="Percentile"/> (0–100) has value <paramref name="Value"/> µs; <paramref name="CountAtOrBelow"/> values are at or below it.</summary>
public readonly record struct PercentilePoint(double Percentile, long Value, long CountAtOrBelow);
