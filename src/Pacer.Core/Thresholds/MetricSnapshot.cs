using Pacer.Core.Plans;

namespace Pacer.Core.Thresholds;

/// <summary>
/// What a threshold is evaluated against: one metric (optionally filtered by tags) at one moment.
/// Counter: <paramref name="Count"/> and <paramref name="Rate"/> per second. Rate metric: <paramref name="Rate"/> is the non-zero fraction of <paramref name="Count"/> samples.
/// Trend (milliseconds): <paramref name="Min"/>, <paramref name="Max"/>, <paramref name="Mean"/> and <paramref name="Percentiles"/>. Gauge: <paramref name="Value"/>, <paramref name="Min"/>, <paramref name="Max"/>.
/// </summary>
public sealed record MetricSnapshot(
    MetricKind Kind,
    long Count,
    double Rate,
    double Value,
    double Min,
    double Max,
    double Mean,
    IPercentileSource? Percentiles)
{
    /// <summary>
    /// For a latency trend of HTTP requests not filtered to failures: how many of its <see cref="Count"/> samples are expected
    /// responses (no error). Zero with samples means the trend holds failures only; null where that question does not apply.
    /// </summary>
    public long? Successful { get; init; }

    /// <summary>The unit the result file gives the metric: <c>ms</c> for trends, <c>B</c> for byte counters, null for plain counts.</summary>
    internal string? Unit { get; init; }

    /// <summary>For a rate: how many of its <see cref="Count"/> samples were non-zero (for http_req_failed: the failed requests).</summary>
    internal long Passes { get; init; }

    /// <summary>For a trend: its histogram in microseconds, which the result file encodes.</summary>
    internal Recording.LatencyHistogram? Histogram { get; init; }
}
