namespace Pacer.Core.Recording;

/// <summary>
/// One second of one request name: requests completed in the interval and their latencies (microseconds, from the intended
/// start, successes and failures together, as in <see cref="IntervalStats"/>). <c>default</c> when none completed.
/// </summary>
internal readonly record struct NameInterval(
    long Requests,
    long Failures,
    long LatencyP50Micros,
    long LatencyP90Micros,
    long LatencyP95Micros,
    long LatencyP99Micros,
    long LatencyMaxMicros)
{
    /// <summary>The figures of <paramref name="latency"/>, the name's histogram of the interval.</summary>
    public static NameInterval Of(long requests, long failures, LatencyHistogram latency) => new(
        requests,
        failures,
        latency.ValueAtPercentile(50),
        latency.ValueAtPercentile(90),
        latency.ValueAtPercentile(95),
        latency.ValueAtPercentile(99),
        latency.Max);
}
