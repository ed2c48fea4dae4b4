using Pacer.Core.Plans;
using Pacer.Core.Recording;

namespace Pacer.Core.Thresholds;

/// <summary>
/// The one place recorded data becomes named, tagged metrics (k6's names): the result file lists <see cref="All"/>, and every
/// threshold is judged on <see cref="Snapshot"/>, so the summary, the file and the thresholds cannot disagree, and a saved result
/// gives exactly the answer the live run gave.
/// </summary>
/// <remarks>
/// Tag filters: <c>name</c> and <c>method</c> select request names, <c>status</c> an HTTP status, <c>error_kind</c> a failure kind,
/// <c>expected_response</c> the requests with (true) or without (false) an expected response, <c>group</c> a scenario group of
/// <c>group_duration</c>, <c>checks{name:…}</c> one check, and <c>step</c> one WebSocket step's <c>ws_*</c> metric. A trend's mean is kept to 0.1 µs, as the result file writes it, and
/// a trend merged from several parts takes their means weighted by count, so that a file, which keeps each part's mean rounded,
/// merges to the same figure as the live totals.
/// </remarks>
internal sealed class MetricCatalog(IMetricSource source)
{
    /// <summary>The recorded data this catalogue reads.</summary>
    public IMetricSource Source { get; } = source;

    /// <summary>What the run as a whole saw: requests sent, and how many got a response of any status.</summary>
    public RunEvidence Evidence => new(Source.All.Requests, Source.Statuses.Where(s => s.Status != 0).Sum(s => s.Count));

    private double Seconds => Math.Max(Source.LoadSeconds, 1e-9);

    /// <summary>Judges <paramref name="spec"/> on this catalogue's figures.</summary>
    public ThresholdVerdict Judge(ThresholdSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return TargetThresholds.Judges(spec, Source.Custom)
            ? TargetThresholds.Judge(spec, Source.Target)
            : ThresholdEvaluator.Evaluate(spec, Snapshot(spec.Metric, spec.Tags), Evidence);
    }

    /// <summary>
    /// Every metric of the run, in the order the result file lists them: the built-in ones, then group_duration, the plan's own
    /// metrics and checks when the plan has any.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, MetricSnapshot>> All()
    {
        var all = new List<KeyValuePair<string, MetricSnapshot>>();
        void Add(string key, string metric, params KeyValuePair<string, string>[] tags) => all.Add(new(key, Snapshot(metric, tags)!));
        Add("http_reqs", "http_reqs");
        Add("http_req_duration", "http_req_duration");
        Add(KnownMetrics.ExpectedDurationKey, "http_req_duration", new KeyValuePair<string, string>("expected_response", "true"));
        Add("http_req_service_time", "http_req_service_time");
        Add("http_req_queue_time", "http_req_queue_time");
        Add("http_req_failed", "http_req_failed");
        Add("iterations", "iterations");
        Add("dropped_iterations", "dropped_iterations");
        Add("data_sent", "data_sent");
        Add("data_received", "data_received");
        Add("vus", "vus");
        if (Source.Groups.Count > 0)
        {
            Add("group_duration", "group_duration");
        }

        foreach (var custom in Source.Custom)
        {
            Add(custom.Spec.Name, custom.Spec.Name);
        }

        if (Source.Checks.Count > 0)
        {
            Add("checks", "checks");
        }

        return all;
    }

    /// <summary>Metric <paramref name="metric"/> filtered by <paramref name="tags"/>; null when it was never recorded.</summary>
    public MetricSnapshot? Snapshot(string metric, IReadOnlyList<KeyValuePair<string, string>> tags)
    {
        ArgumentNullException.ThrowIfNull(metric);
        ArgumentNullException.ThrowIfNull(tags);
        if (metric == "checks")
        {
            return Checks(tags);
        }

        if (metric == "group_duration")
        {
            // group_duration{group:…} is one group; without the tag, every group together.
            return Trend(Source.Groups.Where(g => tags.All(t => t.Key == "group" && t.Value == g.Name)).Select(g => g.Durations));
        }

        if (tags.Count == 1 && tags[0].Key == SocketStepMetrics.TagKey)
        {
            // A ws metric of one step: recorded under its own name (ws_msg_rtt{step:…}) beside the totals.
            metric = SocketStepMetrics.Tagged(metric, tags[0].Value);
        }

        if (Source.Custom.FirstOrDefault(c => c.Spec.Name == metric) is { } custom)
        {
            return custom.Spec.Kind switch
            {
                MetricKind.Trend => Trend([custom.Trend!]),
                MetricKind.Rate => Rate(custom.Trues, custom.Totals),
                _ => Counter(custom.Trues, null),
            };
        }

        switch (metric)
        {
            case "dropped_iterations":
                return Counter(Source.Dropped, null);
            case "vus":
                return new MetricSnapshot(MetricKind.Gauge, Source.Vus.Samples, 0, Source.Vus.Value, Source.Vus.Min, Source.Vus.Max, 0, null);
            case "iterations" when Source.Iterations is { } iterations:
                // A scenario iteration is a whole journey of several requests: no request tag describes it.
                return tags.Count == 0 ? Counter(iterations, null) : null;
        }

        if (Select(tags) is not { } selection)
        {
            return null;
        }

        return metric switch
        {
            "http_reqs" or "iterations" => Counter(selection.Requests, null),
            "http_req_failed" => Rate(selection.Failures, selection.Requests),
            "http_req_duration" => Trend(selection.Latency) with { Successful = selection.Successful },
            "http_req_service_time" => Trend(selection.Service),
            "http_req_queue_time" => Trend(selection.Queue),
            "data_sent" => Counter(selection.Sent, "B"),
            "data_received" => Counter(selection.Received, "B"),
            _ => null,
        };
    }

    /// <summary>The share of checks that passed: all of them, or those of one name (<c>checks{name:…}</c>).</summary>
    private MetricSnapshot Checks(IReadOnlyList<KeyValuePair<string, string>> tags)
    {
        long passes = 0, total = 0;
        foreach (var check in Source.Checks.Where(c => tags.All(t => t.Key == "name" && t.Value == c.Name)))
        {
            passes += check.Passes;
            total += check.Passes + check.Fails;
        }

        return Rate(passes, total);
    }

    private MetricSnapshot Counter(long count, string? unit) =>
        new(MetricKind.Counter, count, count / Seconds, count, 0, 0, 0, null) { Unit = unit };

    private static MetricSnapshot Rate(long nonZero, long total) =>
        new(MetricKind.Rate, total, total == 0 ? 0 : (double)nonZero / total, 0, 0, 0, 0, null) { Passes = nonZero };

    /// <summary>A trend of one or several parts (milliseconds), merged exactly; empty without parts or samples.</summary>
    private static MetricSnapshot Trend(IEnumerable<LatencyHistogram> parts)
    {
        var list = parts.ToList();
        var histogram = list.Count == 1 ? list[0] : new LatencyHistogram();
        double weighted = 0;
        foreach (var part in list)
        {
            if (list.Count > 1)
            {
                histogram.Add(part);
            }

            weighted += MeanMs(part) * part.TotalCount;
        }

        if (histogram.TotalCount == 0)
        {
            return new MetricSnapshot(MetricKind.Trend, 0, 0, 0, 0, 0, 0, null) { Unit = "ms", Histogram = histogram };
        }

        var mean = list.Count == 1 ? MeanMs(histogram) : Math.Round(weighted / histogram.TotalCount, 4);
        return new MetricSnapshot(MetricKind.Trend, histogram.TotalCount, 0, 0, histogram.Min / 1000.0, histogram.Max / 1000.0, mean, new HistogramPercentiles(histogram))
        {
            Unit = "ms",
            Histogram = histogram,
        };
    }

    /// <summary>A histogram's mean in milliseconds, to 0.1 µs as the result file keeps it.</summary>
    internal static double MeanMs(LatencyHistogram histogram) => Math.Round(histogram.Mean / 1000.0, 4);

    /// <summary>
    /// The requests a tag filter selects. <c>Successful</c> counts the expected responses among a selection that did not ask for
    /// failures (a status, an error kind or expected_response does), so a latency threshold can tell when it is judged on
    /// failures alone; null otherwise.
    /// </summary>
    private Selection? Select(IReadOnlyList<KeyValuePair<string, string>> tags)
    {
        var all = Source.All;
        if (tags.Count == 0)
        {
            return new Selection(all.Requests, all.Failures, all.BytesSent, all.BytesReceived, [all.Latency], [all.ServiceTime], [all.QueueTime], all.Requests - all.Failures);
        }

        bool? expected = null;
        foreach (var (key, value) in tags)
        {
            switch (key)
            {
                case "status" when int.TryParse(value, out var status):
                    return Source.Statuses.FirstOrDefault(s => s.Status == status) is { } s
                        ? new Selection(s.Count, status >= 400 || status == 0 ? s.Count : 0, 0, 0, [s.Latency], [], [], null)
                        : new Selection(0, 0, 0, 0, [], [], [], null);
                case "error_kind":
                    var n = Source.Errors.GetValueOrDefault(value);
                    return new Selection(n, n, 0, 0, [], [], [], null);
                case "expected_response":
                    expected = value == "true";
                    break;
            }
        }

        if (expected is true && tags.Count == 1)
        {
            return new Selection(all.Requests - all.Failures, 0, 0, 0, [Kept(all.ExpectedLatency, all, "expected_response:true")], [], [], null);
        }

        // name and method select a subset of request names; several tags intersect. Failed latency is kept per name only.
        var chosen = Source.PerName
            .Where(r => tags.All(t => t.Key switch
            {
                "name" => r.Name == t.Value,
                "method" => string.Equals(r.Method, t.Value, StringComparison.OrdinalIgnoreCase),
                _ => true,
            }))
            .ToList();
        var failed = chosen.Sum(r => r.Failures);
        var requests = chosen.Sum(r => r.Requests);
        if (expected is { } only)
        {
            return only
                ? new Selection(requests - failed, 0, 0, 0, [.. chosen.Select(r => Kept(r.ExpectedLatency, r, "expected_response:true"))], [], [], null)
                : new Selection(failed, failed, 0, 0, [.. chosen.Select(r => Kept(r.FailedLatency, r, "expected_response:false"))], [], [], null);
        }

        return new Selection(
            requests,
            failed,
            chosen.Sum(r => r.BytesSent),
            chosen.Sum(r => r.BytesReceived),
            [.. chosen.Select(r => r.Latency)],
            [.. chosen.Select(r => r.ServiceTime)],
            [.. chosen.Select(r => r.QueueTime)],
            requests - failed);
    }

    private static LatencyHistogram Kept(LatencyHistogram? histogram, RequestFigures figures, string filter) =>
        histogram ?? throw new MetricSourceException(
            $"the source keeps no {filter} latency for {(figures.Name.Length == 0 ? "all requests" : $"request '{figures.Name}'")} (a result file written before Pacer kept it per request name); re-run to judge this threshold");

    /// <summary>What a tag filter selects; histograms are the parts to merge.</summary>
    private sealed record Selection(
        long Requests,
        long Failures,
        long Sent,
        long Received,
        IReadOnlyList<LatencyHistogram> Latency,
        IReadOnlyList<LatencyHistogram> Service,
        IReadOnlyList<LatencyHistogram> Queue,
        long? Successful);
}
