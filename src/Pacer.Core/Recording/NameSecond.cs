namespace Pacer.Core.Recording;

/// <summary>
/// One request name's figures for one tick in which some of its requests completed, as kept for the result (48 bytes: a run
/// keeps up to <see cref="NameSeries.MaxEntries"/> of them). Latencies in microseconds, from the intended start.
/// </summary>
/// <param name="Tick">The recorder tick (index into <see cref="RecorderTotals.Intervals"/>).</param>
/// <param name="Requests">Requests of the name completed in the tick.</param>
/// <param name="Failures">Of which failed.</param>
/// <param name="LatencyP50Micros">Median latency of those requests.</param>
/// <param name="LatencyP95Micros">95th percentile.</param>
/// <param name="LatencyP99Micros">99th percentile.</param>
/// <param name="LatencyMaxMicros">Largest.</param>
internal readonly record struct NameSecond(
    int Tick,
    int Requests,
    int Failures,
    long LatencyP50Micros,
    long LatencyP95Micros,
    long LatencyP99Micros,
    long LatencyMaxMicros);
