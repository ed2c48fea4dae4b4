namespace Pacer.Core.Thresholds;

/// <summary>A gauge: its value at the end of the load period, its extremes during it, and how many times it was sampled.</summary>
internal sealed record GaugeFigures(double Value, double Min, double Max, long Samples);
