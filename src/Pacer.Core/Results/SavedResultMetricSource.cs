using Pacer.Core.Plans;
using Pacer.Core.Recording;
using Pacer.Core.Thresholds;

namespace Pacer.Core.Results;

/// <summary>
/// A saved <see cref="RunResult"/> as a metric source, so thresholds can be judged on a result file (<c>pacer check</c>) with
/// exactly the answer the live run gave: counts and rates are the file's, and each histogram is decoded with the exact minimum,
/// maximum and mean written beside it, so every percentile comes out as it did from the recorder.
/// </summary>
internal sealed class SavedResultMetricSource : IMetricSource
{
    public SavedResultMetricSource(RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var metrics = result.Metrics;
        LoadSeconds = result.LoadSeconds ?? result.DurationSeconds;
        var requests = Count(metrics, "http_reqs");
        var failures = metrics.TryGetValue("http_req_failed", out var failed) ? failed.Passes ?? 0 : 0;
        All = new RequestFigures(
            string.Empty,
            string.Empty,
            requests,
            failures,
            Count(metrics, "data_sent"),
            Count(metrics, "data_received"),
            Trend(metrics, "http_req_duration") ?? new LatencyHistogram(),
            Trend(metrics, KnownMetrics.ExpectedDurationKey),
            null,
            Trend(metrics, "http_req_service_time") ?? new LatencyHistogram(),
            Trend(metrics, "http_req_queue_time") ?? new LatencyHistogram());
        PerName = [.. result.Requests.Select(r =>
        {
            var latency = Trend(r.Duration);
            return new RequestFigures(
                r.Name,
                r.Method,
                r.Requests,
                r.Failures,
                r.DataSent,
                r.DataReceived,
                latency,
                r.ExpectedDuration is { } expected ? Trend(expected) : r.Failures == 0 ? latency : null,
                r.FailedDuration is { } failedOnly ? Trend(failedOnly) : r.Failures == 0 ? new LatencyHistogram() : null,
                Trend(r.ServiceTime),
                Trend(r.QueueTime));
        })];
        Statuses = [.. result.Statuses.OrderBy(s => s.Status).Select(s => new StatusFigures(s.Status, s.Count, Trend(s.Duration)))];
        Errors = result.Errors.GroupBy(e => e.Kind, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(e => e.Count), StringComparer.Ordinal);

        // A scenario plan's iterations are journeys; a request mix writes its requests there. Files from before scenario_models
        // existed tell a scenario plan by the count itself.
        var iterations = Count(metrics, "iterations");
        Iterations = result.Plan.ScenarioModels.Count > 0 || iterations != requests ? iterations : null;
        Dropped = Count(metrics, "dropped_iterations");
        Vus = metrics.TryGetValue("vus", out var vus)
            ? new GaugeFigures(vus.Value ?? 0, vus.Min ?? 0, vus.Max ?? 0, result.Series.Count)
            : new GaugeFigures(0, 0, 0, result.Series.Count);
        Checks = [.. result.Checks.Select(c => new CheckFigures(c.Name, c.Passes, c.Fails))];
        Groups = [.. result.Groups.Select(g => new GroupFigures(g.Name, Trend(g.Duration)))];
        Custom = [.. CustomSpecs(result).Select(spec => CustomFigure(spec, metrics[spec.Name]))];
        Target = TargetOf(result.Target);
    }

    /// <summary>
    /// The result's target section as thresholds read it: the live run's result builder and a saved file go through this one
    /// conversion, so a target threshold gets the same verdict from both.
    /// </summary>
    public static TargetData? TargetOf(TargetResult? target) =>
        target is null
            ? null
            : new TargetData(
                [.. target.Sources.Select(s => s.Kind)],
                [.. target.Metrics.Select(m => new TargetFigures(m.Name, m.Source, m.Unit, m.Limit, [.. m.Series.Select(p => p.V)], m.Mean, m.Min, m.Max, m.Last))]);

    public double LoadSeconds { get; }

    public RequestFigures All { get; }

    public IReadOnlyList<RequestFigures> PerName { get; }

    public IReadOnlyList<StatusFigures> Statuses { get; }

    public IReadOnlyDictionary<string, long> Errors { get; }

    public long? Iterations { get; }

    public long Dropped { get; }

    public GaugeFigures Vus { get; }

    public IReadOnlyList<CheckFigures> Checks { get; }

    public IReadOnlyList<GroupFigures> Groups { get; }

    public IReadOnlyList<CustomFigures> Custom { get; }

    public TargetData? Target { get; }

    /// <summary>
    /// The metrics the plan declared, as the file lists them: every entry that is neither built in nor a tagged sub-metric, and
    /// each WebSocket step's own metrics (<c>ws_msg_rtt{step:…}</c>), which are recorded as the plan's own.
    /// </summary>
    public static List<CustomMetricSpec> CustomSpecs(RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return [.. result.Metrics
            .Where(m => !KnownMetrics.Kinds.ContainsKey(m.Key) && (!m.Key.Contains('{', StringComparison.Ordinal) || SocketStepMetrics.BaseOf(m.Key) is not null))
            .Select(m => new CustomMetricSpec(m.Key, m.Value.Type switch { "trend" => MetricKind.Trend, "rate" => MetricKind.Rate, _ => MetricKind.Counter }))];
    }

    private static CustomFigures CustomFigure(CustomMetricSpec spec, MetricResult metric) => spec.Kind switch
    {
        MetricKind.Trend => new CustomFigures(spec, 0, 0, Trend(metric) ?? new LatencyHistogram()),
        MetricKind.Rate => new CustomFigures(spec, metric.Passes ?? 0, (metric.Passes ?? 0) + (metric.Fails ?? 0), null),
        _ => new CustomFigures(spec, metric.Count ?? 0, 0, null),
    };

    private static long Count(IReadOnlyDictionary<string, MetricResult> metrics, string name) =>
        metrics.TryGetValue(name, out var metric) ? metric.Count ?? 0 : 0;

    private static LatencyHistogram? Trend(IReadOnlyDictionary<string, MetricResult> metrics, string name) =>
        metrics.TryGetValue(name, out var metric) ? Trend(metric) : null;

    private static LatencyHistogram? Trend(MetricResult metric) =>
        metric.Histogram is { } encoded ? Decoded(encoded, metric.Min ?? 0, metric.Max ?? 0, metric.Mean ?? 0) : null;

    private static LatencyHistogram Trend(DurationStats stats) => Decoded(stats.Histogram, stats.Min, stats.Max, stats.Mean);

    /// <summary>The histogram with the exact aggregates the file keeps beside it (milliseconds, to the microsecond for min and max).</summary>
    private static LatencyHistogram Decoded(string encoded, double minMs, double maxMs, double meanMs)
    {
        var histogram = LatencyHistogram.Decode(encoded);
        histogram.RestoreAggregates((long)Math.Round(minMs * 1000), (long)Math.Round(maxMs * 1000), meanMs * 1000);
        return histogram;
    }
}
