namespace Pacer.Reports.Console;

/// <summary>
/// What one progress line shows: the last second and the run so far. Plain figures rather than the engine's live state, so
/// the printer depends on nothing but numbers and whoever drives it (the run pipeline, an observer) maps its own tick.
/// </summary>
/// <param name="Elapsed">Time since load started.</param>
/// <param name="Planned">The plan's duration.</param>
/// <param name="Requests">Requests completed in the last second.</param>
/// <param name="Failures">Of which failed.</param>
/// <param name="LatencyP50">Median latency of the last second, in milliseconds, from the intended start.</param>
/// <param name="LatencyP99">99th percentile latency of the last second, in milliseconds, from the intended start.</param>
/// <param name="Active">Virtual users running (closed model) or iterations in progress (open model) at the tick.</param>
/// <param name="Dropped">Arrivals dropped in the last second.</param>
/// <param name="TotalRequests">Requests completed since the start of the run.</param>
internal sealed record ProgressFigures(
    TimeSpan Elapsed,
    TimeSpan Planned,
    long Requests,
    long Failures,
    double LatencyP50,
    double LatencyP99,
    int Active,
    long Dropped,
    long TotalRequests);
