namespace Pacer.Core.Results;

/// <summary>One second of the run (all request names together). Latencies in milliseconds, from the intended start.</summary>
/// <param name="T">Seconds from the start of the run at the end of this interval.</param>
/// <param name="Requests">Requests completed in the interval.</param>
/// <param name="Errors">Of which failed.</param>
/// <param name="Dropped">Arrivals dropped in the interval.</param>
/// <param name="Active">The <c>vus</c> gauge at the tick: virtual users running (closed) or iterations in progress (open).</param>
/// <param name="Target">The planned target at the tick (iterations/s or virtual users).</param>
/// <param name="P50">Median latency of the interval.</param>
/// <param name="P95">95th percentile.</param>
/// <param name="P99">99th percentile.</param>
/// <param name="Max">Largest latency of the interval.</param>
/// <param name="DataSent">Bytes sent in the interval.</param>
/// <param name="DataReceived">Bytes received in the interval.</param>
public sealed record IntervalResult(
    double T,
    long Requests,
    long Errors,
    long Dropped,
    int Active,
    double Target,
    double P50,
    double P95,
    double P99,
    double Max,
    long DataSent,
    long DataReceived)
{
    /// <summary>
    /// The mean number of requests in flight (written and not yet answered) over the interval, from each request's own send
    /// and end timestamps. Absent in files from before it existed.
    /// </summary>
    public double? InFlight { get; init; }

    /// <summary>
    /// The load generator's (Pacer's own process) CPU over the interval, as a fraction of the cores it may use (0–1). Null when
    /// not measured (an interval under 0.1 s, whose CPU time counts in the next) and in files from before it existed.
    /// </summary>
    public double? GeneratorCpu { get; init; }

    /// <summary>
    /// The 99th percentile of the generator's scheduling lag in the interval, milliseconds: how late Pacer sent what it sent
    /// then. Null when nothing was sent in the interval and in files from before it existed.
    /// </summary>
    public double? GeneratorLagP99 { get; init; }

    /// <summary>
    /// The second of the metrics that keep a per-second series (the WebSocket ones, <c>ws_msgs_sent</c>, <c>ws_msg_rtt</c> …) by
    /// name: what a counter added and what a trend recorded in the second. A metric with nothing in the second is left out (a
    /// counter's 0), and so is the whole map when none had anything. Null in runs without such metrics and in older files.
    /// </summary>
    public IReadOnlyDictionary<string, IntervalMetric>? Metrics { get; init; }
}
