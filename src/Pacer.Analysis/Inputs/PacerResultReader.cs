using Pacer.Core.Recording;
using Pacer.Core.Results;

namespace Pacer.Analysis.Inputs;

/// <summary>
/// Reads a <c>pacer.run/v1</c> result: latency quantiles and error rate per request name and for <c>all</c>, the run's
/// throughput, and a WebSocket run's message round trip, handshake, messages per second and failures. The latency samples come from the recorded HDR histograms, thinned (<see cref="SampleThinning"/>).
/// </summary>
internal static class PacerResultReader
{
    /// <summary>The group that stands for every request of the run.</summary>
    public const string AllGroup = "all";

    /// <summary>The group of a WebSocket run's error rate (its latency rows are named by their metrics).</summary>
    public const string WebSocketGroup = "ws";

    private const string RoundTrip = "ws_msg_rtt";
    private const string WebSocketSession = "ws_session_duration";

    /// <summary>A final interval shorter than this is a partial second (the run's tail) and would read as a throughput dip.</summary>
    private const double ShortestInterval = 0.5;

    private static readonly (string Metric, double Percentile, Func<DurationStats, double> Stored, Func<MetricResult, double?> Overall)[] Quantiles =
    [
        ("p50", 50, d => d.P50, m => m.P50),
        ("p95", 95, d => d.P95, m => m.P95),
        ("p99", 99, d => d.P99, m => m.P99),
    ];

    /// <summary>
    /// The observations of one file, read as a stream (<see cref="ResultFile.Read(string)"/>: memory follows the objects, not the
    /// text); <see cref="InputFormatException"/> naming the file and the place when it is broken.
    /// </summary>
    public static List<Observation> Read(string path)
    {
        RunResult result;
        try
        {
            result = ResultFile.Read(path);
        }
        catch (ResultFormatException e)
        {
            throw new InputFormatException(e.Message, e);
        }

        return FromResult(path, result);
    }

    /// <summary>The observations of a result already read (by <c>pacer report</c>, which also needs the result itself for its page).</summary>
    public static List<Observation> FromResult(string path, RunResult result)
    {
        var observations = new List<Observation>();
        var histograms = new List<LatencyHistogram>();
        foreach (var request in result.Requests)
        {
            histograms.Add(Decode(path, request.Duration.Histogram, $"requests '{request.Name}'"));
        }

        AddOverall(path, result, histograms, observations);
        for (var i = 0; i < result.Requests.Count; i++)
        {
            var request = result.Requests[i];
            var samples = SampleThinning.FromHistogram(histograms[i]);
            foreach (var (metric, _, stored, _) in Quantiles)
            {
                observations.Add(Latency(request.Name, metric, stored(request.Duration), samples));
            }

            observations.Add(ErrorRate(request.Name, request.Failures, request.Requests));
        }

        AddWebSockets(path, result, observations);
        return observations;
    }

    /// <summary>
    /// A WebSocket run's figures, compared with the same statistics as requests': the message round trip (<c>ws_msg_rtt</c>, and
    /// per step when the result breaks it down) at p50, p95 and p99 with its distribution, every other ws trend (handshake, ping,
    /// first message) at p95, messages sent and received per second as throughput, and the share of WebSocket operations that
    /// failed. Rows are named by the result's keys (<c>ws_msg_rtt{step:echo} p95</c>), as thresholds name them.
    /// </summary>
    private static void AddWebSockets(string path, RunResult result, List<Observation> observations)
    {
        var seconds = FullSeconds(result.Series);
        var trends = result.Metrics
            .Where(m => m.Key.StartsWith("ws_", StringComparison.Ordinal) && m.Value is { Type: "trend", Count: > 0, Histogram: not null })
            // A session's length is the plan's (how long it holds the socket, its think times), not how fast the service is.
            .Where(m => !m.Key.StartsWith(WebSocketSession, StringComparison.Ordinal))
            .OrderBy(m => m.Key.StartsWith(RoundTrip, StringComparison.Ordinal) ? 0 : 1)
            .ThenBy(m => m.Key, StringComparer.Ordinal);
        foreach (var (key, metric) in trends)
        {
            var histogram = Decode(path, metric.Histogram!, $"metrics.{key}");
            var samples = SampleThinning.FromHistogram(histogram);
            var quantiles = key.StartsWith(RoundTrip, StringComparison.Ordinal) ? Quantiles : Quantiles.Where(q => q.Metric == "p95");
            foreach (var (name, percentile, _, stored) in quantiles)
            {
                var value = stored(metric) ?? histogram.ValueAtPercentile(percentile) / 1000.0;

                // The series keeps each whole metric's second (not its breakdowns): one run a side is then judged over its seconds.
                var perSecond = seconds
                    .Select(s => s.Metrics?.GetValueOrDefault(key))
                    .Where(m => m is { Count: > 0 })
                    .Select(m => percentile switch { 50 => m!.P50, 95 => m!.P95, _ => m!.P99 })
                    .OfType<double>()
                    .ToList();
                observations.Add(Latency(key, name, value, samples) with { Intervals = perSecond.Count == 0 ? null : perSecond });
            }
        }

        var load = result.LoadSeconds is > 0 and var l ? l : result.DurationSeconds;
        var withSeries = seconds.Any(s => s.Metrics is not null);
        foreach (var name in (string[])["ws_msgs_sent", "ws_msgs_received"])
        {
            if (result.Metrics.GetValueOrDefault(name) is { Count: { } count } counter && load > 0)
            {
                // A second in which nothing was sent is left out of the file's series: a 0 here, the series being otherwise whole.
                List<double> perSecond = withSeries ? [.. seconds.Select(s => (double)(s.Metrics?.GetValueOrDefault(name)?.Count ?? 0))] : [];
                observations.Add(new Observation(name, "msg/s", "msg/s", MetricDirection.HigherIsBetter, ObservationKind.Throughput, counter.Rate ?? count / load, perSecond));
            }
        }

        if (result.Metrics.GetValueOrDefault("ws_errors") is { Count: { } errors })
        {
            // Every failed step (a refused handshake, a timeout, a peer's close) over the operations tried: the sockets opened, the
            // messages sent, and the failed steps themselves (a failure is counted in neither of the others).
            long Count(string name) => result.Metrics.GetValueOrDefault(name)?.Count ?? 0;
            observations.Add(ErrorRate(WebSocketGroup, errors, Count("ws_sessions") + Count("ws_msgs_sent") + errors));
        }
    }

    private static void AddOverall(string path, RunResult result, List<LatencyHistogram> requestHistograms, List<Observation> observations)
    {
        var metric = result.Metrics.GetValueOrDefault("http_req_duration");
        LatencyHistogram overall;
        if (metric?.Histogram is { } encoded)
        {
            overall = Decode(path, encoded, "metrics.http_req_duration");
        }
        else
        {
            // Older or hand-trimmed files may lack the overall histogram; the merge of the per-request ones is exact.
            overall = new LatencyHistogram();
            foreach (var h in requestHistograms)
            {
                overall.Add(h);
            }
        }

        var samples = SampleThinning.FromHistogram(overall);
        foreach (var (name, percentile, _, stored) in Quantiles)
        {
            var value = (metric is null ? null : stored(metric)) ?? overall.ValueAtPercentile(percentile) / 1000.0;
            observations.Add(Latency(AllGroup, name, value, samples) with { Intervals = PerSecondQuantile(FullSeconds(result.Series), percentile) });
        }

        var requests = result.Metrics.GetValueOrDefault("http_reqs")?.Count ?? result.Requests.Sum(r => r.Requests);
        if (result.DurationSeconds > 0)
        {
            observations.Add(new Observation(
                AllGroup, "rps", "req/s", MetricDirection.HigherIsBetter, ObservationKind.Throughput,
                requests / (result.LoadSeconds is > 0 and var load ? load : result.DurationSeconds), PerSecond(result.Series)));
        }

        var failed = result.Metrics.GetValueOrDefault("http_req_failed");
        var (failures, total) = failed is { Passes: { } passes, Fails: { } fails }
            ? (passes, passes + fails)
            : (result.Requests.Sum(r => r.Failures), result.Requests.Sum(r => r.Requests));
        observations.Add(ErrorRate(AllGroup, failures, total));
    }

    /// <summary>The overall quantile of each second that had requests (ms); the series keeps p50, p95 and p99.</summary>
    private static List<double> PerSecondQuantile(IReadOnlyList<IntervalResult> series, double percentile) =>
    [
        .. series.Where(s => s.Requests > 0).Select(s => percentile switch
        {
            50 => s.P50,
            95 => s.P95,
            _ => s.P99,
        }),
    ];

    /// <summary>Requests of each second, of <see cref="FullSeconds"/>.</summary>
    private static List<double> PerSecond(IReadOnlyList<IntervalResult> series) => [.. FullSeconds(series).Select(s => (double)s.Requests)];

    /// <summary>
    /// The series without its last entry when that covers less than half a second: the run's tail, whose count reads as a
    /// throughput dip and whose few requests (the drain) would weigh as much as a whole second in a mean over seconds.
    /// </summary>
    private static IReadOnlyList<IntervalResult> FullSeconds(IReadOnlyList<IntervalResult> series)
    {
        if (series.Count == 0)
        {
            return series;
        }

        var start = series.Count > 1 ? series[^2].T : 0;
        return series[^1].T - start < ShortestInterval ? [.. series.Take(series.Count - 1)] : series;
    }

    private static LatencyHistogram Decode(string path, string encoded, string where)
    {
        try
        {
            return LatencyHistogram.Decode(encoded);
        }
        catch (FormatException e)
        {
            throw new InputFormatException($"{path}: {where}: the latency histogram cannot be decoded ({e.Message})", e);
        }
    }

    private static Observation Latency(string group, string metric, double value, IReadOnlyList<double> samples) =>
        new(group, metric, "ms", MetricDirection.LowerIsBetter, ObservationKind.LatencyQuantile, value, samples);

    /// <summary>An error-rate observation; its value is <paramref name="failures"/> / <paramref name="total"/> (0 with no requests).</summary>
    public static Observation ErrorRate(string group, long failures, long total) =>
        new(group, "error_rate", "ratio", MetricDirection.LowerIsBetter, ObservationKind.ErrorRate,
            total == 0 ? 0 : (double)failures / total, [], failures, total);
}
