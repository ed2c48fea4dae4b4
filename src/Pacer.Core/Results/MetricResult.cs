namespace Pacer.Core.Results;

/// <summary>
/// One metric's totals. Which fields are set depends on <see cref="Type"/> (k6's four kinds):
/// counter: count, rate (per second); rate: rate (fraction), passes, fails;
/// trend: count min mean p50 p90 p95 p99 p999 max (milliseconds) and the encoded histogram; gauge: value, min, max.
/// Unset fields are omitted from the file.
/// </summary>
public sealed record MetricResult
{
    /// <summary><c>counter</c>, <c>rate</c>, <c>trend</c> or <c>gauge</c>.</summary>
    public required string Type { get; init; }

    /// <summary>Unit of the values: <c>ms</c> for durations, <c>B</c> for bytes, null for plain counts.</summary>
    public string? Unit { get; init; }

    /// <summary>Counter total, or number of trend samples.</summary>
    public long? Count { get; init; }

    /// <summary>Counter: per second over the run. Rate metric: fraction of non-zero samples.</summary>
    public double? Rate { get; init; }

    /// <summary>Rate metric: non-zero samples (for http_req_failed: failed requests).</summary>
    public long? Passes { get; init; }

    /// <summary>Rate metric: zero samples.</summary>
    public long? Fails { get; init; }

    /// <summary>Gauge: last value.</summary>
    public double? Value { get; init; }

    /// <summary>Trend or gauge: smallest value.</summary>
    public double? Min { get; init; }

    /// <summary>Trend: arithmetic mean.</summary>
    public double? Mean { get; init; }

    /// <summary>Trend: median.</summary>
    public double? P50 { get; init; }

    /// <summary>Trend: 90th percentile.</summary>
    public double? P90 { get; init; }

    /// <summary>Trend: 95th percentile.</summary>
    public double? P95 { get; init; }

    /// <summary>Trend: 99th percentile.</summary>
    public double? P99 { get; init; }

    /// <summary>Trend: 99.9th percentile.</summary>
    public double? P999 { get; init; }

    /// <summary>Trend or gauge: largest value.</summary>
    public double? Max { get; init; }

    /// <summary>
    /// Trend: the HDR histogram in <b>microseconds</b> (the other fields are milliseconds), base64 of HdrHistogram's V2
    /// compressed encoding. Read it with <see cref="Percentile"/>, or <see cref="Recording.LatencyHistogram.Decode"/> to ask many
    /// percentiles or merge runs.
    /// </summary>
    public string? Histogram { get; init; }

    /// <summary>
    /// Trend: any percentile (0 to 100) in milliseconds, recomputed from <see cref="Histogram"/> the same way the stored ones
    /// were computed (<c>Percentile(95)</c> equals <see cref="P95"/>); null when the metric has no histogram. Decodes the
    /// histogram on every call.
    /// </summary>
    /// <exception cref="FormatException"><see cref="Histogram"/> is not a histogram Pacer can read.</exception>
    public double? Percentile(double percentile) =>
        Histogram is null ? null : StoredHistogram.PercentileMs(Histogram, percentile, Min ?? 0, Max ?? double.MaxValue);
}
