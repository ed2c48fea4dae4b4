namespace Pacer.Core.Results;

/// <summary>A latency distribution in milliseconds, with the histogram it was computed from so it can be merged or re-queried.</summary>
public sealed record DurationStats(
    long Count,
    double Min,
    double Mean,
    double P50,
    double P90,
    double P95,
    double P99,
    double P999,
    double Max,
    string Histogram);
