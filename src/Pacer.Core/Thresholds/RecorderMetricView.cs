using Pacer.Core.Plans;
using Pacer.Core.Recording;
using Pacer.Core.Transport;

namespace Pacer.Core.Thresholds;

/// <summary>
/// Answers "what is metric M with tags T right now" from the recorder's totals, for threshold evaluation during and after a run.
/// Tag filters: <c>name</c> and <c>method</c> select request names, <c>status</c> an HTTP status, <c>error_kind</c> a failure kind,
/// <c>expected_response</c> the requests with (true) or without (false) an expected response.
/// </summary>
internal static class RecorderMetricView
{
    public static MetricSnapshot? Snapshot(RecorderTotals totals, IReadOnlyList<string> requestMethods, string metric, IReadOnlyList<KeyValuePair<string, string>> tags, TimeSpan elapsed)
    {
        // Rates are over the load period (never the drain after it), as in the result file and the summary.
        var period = totals.LoadPeriod is { } load && load < elapsed ? load : elapsed;
        var seconds = Math.Max(period.TotalSeconds, 1e-9);
        if (metric == "checks")
        {
            return Checks(totals.Checks, tags);
        }

        if (metric == "group_duration")
        {
            // group_duration{group:…} is one group; without the tag, every group together.
            var merged = new LatencyHistogram();
            for (var i = 0; i < totals.Groups.Names.Count; i++)
            {
                if (tags.All(t => t.Key == "group" && t.Value == totals.Groups.Names[i]))
                {
                    merged.Add(totals.Groups.Totals[i]);
                }
            }

            return Trend(merged);
        }

        var custom = totals.Custom;
        for (var i = 0; i < custom.Specs.Count; i++)
        {
            if (custom.Specs[i].Name == metric)
            {
                return custom.Specs[i].Kind switch
                {
                    MetricKind.Trend => Trend(custom.Trends[i]),
                    MetricKind.Rate => new MetricSnapshot(MetricKind.Rate, custom.Totals(i), custom.Totals(i) == 0 ? 0 : (double)custom.Trues(i) / custom.Totals(i), 0, 0, 0, 0, null),
                    _ => Counter(custom.Trues(i), seconds),
                };
            }
        }

        var selection = Select(totals, requestMethods, tags);
        if (selection is null)
        {
            return null;
        }

        var (requests, failures, sent, received, latency, service, queue, successful) = selection.Value;
        return metric switch
        {
            "http_reqs" or "iterations" => Counter(requests, seconds),
            "http_req_failed" => new MetricSnapshot(MetricKind.Rate, requests, requests == 0 ? 0 : (double)failures / requests, 0, 0, 0, 0, null),
            "http_req_duration" => Trend(latency) with { Successful = successful },
            "http_req_service_time" => Trend(service),
            "http_req_queue_time" => Trend(queue),
            "data_sent" => Counter(sent, seconds),
            "data_received" => Counter(received, seconds),
            "dropped_iterations" => Counter(totals.Dropped, seconds),
            "vus" => new MetricSnapshot(MetricKind.Gauge, totals.Intervals.Count, 0, totals.ActiveValue, totals.ActiveMin, totals.ActiveMax, 0, null),
            _ => null,
        };
    }

    /// <summary>The share of checks that passed: all of them, or those of one name (<c>checks{name:…}</c>).</summary>
    private static MetricSnapshot Checks(CheckTally checks, IReadOnlyList<KeyValuePair<string, string>> tags)
    {
        long passes = 0, total = 0;
        for (var i = 0; i < checks.Names.Count; i++)
        {
            if (tags.All(t => t.Key == "name" && t.Value == checks.Names[i]))
            {
                passes += checks.Passes(i);
                total += checks.Passes(i) + checks.Fails(i);
            }
        }

        return new MetricSnapshot(MetricKind.Rate, total, total == 0 ? 0 : (double)passes / total, 0, 0, 0, 0, null);
    }

    private static MetricSnapshot Counter(long count, double seconds) =>
        new(MetricKind.Counter, count, count / seconds, count, 0, 0, 0, null);

    private static MetricSnapshot Trend(LatencyHistogram? histogram)
    {
        if (histogram is null || histogram.TotalCount == 0)
        {
            return new MetricSnapshot(MetricKind.Trend, 0, 0, 0, 0, 0, 0, null);
        }

        return new MetricSnapshot(
            MetricKind.Trend,
            histogram.TotalCount,
            0,
            0,
            histogram.Min / 1000.0,
            histogram.Max / 1000.0,
            histogram.Mean / 1000.0,
            new HistogramPercentiles(histogram));
    }

    /// <summary>
    /// The requests a tag filter selects. <c>Successful</c> counts the expected responses among a selection that did not ask
    /// for failures (a status, an error kind or expected_response does), so a latency threshold can tell when it is judged
    /// on failures alone; null otherwise.
    /// </summary>
    private static (long Requests, long Failures, long Sent, long Received, LatencyHistogram? Latency, LatencyHistogram? Service, LatencyHistogram? Queue, long? Successful)? Select(
        RecorderTotals totals, IReadOnlyList<string> requestMethods, IReadOnlyList<KeyValuePair<string, string>> tags)
    {
        if (tags.Count == 0)
        {
            return (totals.Requests, totals.Failures, totals.BytesSent, totals.BytesReceived, totals.Latency, totals.ServiceTime, totals.QueueTime, totals.ExpectedLatency.TotalCount);
        }

        bool? expected = null;
        foreach (var (key, value) in tags)
        {
            switch (key)
            {
                case "status" when int.TryParse(value, out var status):
                    return totals.Statuses.TryGetValue(status, out var s)
                        ? (s.Count, status >= 400 || status == 0 ? s.Count : 0, 0, 0, s.Latency, null, null, null)
                        : (0, 0, 0, 0, null, null, null, null);
                case "error_kind":
                    var kind = Enum.GetValues<ErrorKind>().FirstOrDefault(k => k.ToName() == value);
                    var n = totals.Errors.TryGetValue(kind, out var c) ? c : 0;
                    return (n, n, 0, 0, null, null, null, null);
                case "expected_response":
                    expected = value == "true";
                    break;
            }
        }

        if (expected is { } wanted && tags.Count == 1)
        {
            return wanted
                ? (totals.Requests - totals.Failures, 0, 0, 0, totals.ExpectedLatency, null, null, null)
                : (totals.Failures, totals.Failures, 0, 0, totals.FailedLatency, null, null, null);
        }

        // name and method select a subset of request names; several tags intersect.
        var chosen = Enumerable.Range(0, totals.PerRequest.Count)
            .Where(i => tags.All(t => t.Key switch
            {
                "name" => totals.PerRequest[i].Name == t.Value,
                "method" => string.Equals(requestMethods[i], t.Value, StringComparison.OrdinalIgnoreCase),
                _ => true,
            }))
            .Select(i => totals.PerRequest[i])
            .ToList();
        if (expected is { } only)
        {
            var subset = new LatencyHistogram();
            chosen.ForEach(r => subset.Add(only ? r.ExpectedLatency : r.FailedLatency));
            var failed = chosen.Sum(r => r.Failures);
            return only
                ? (chosen.Sum(r => r.Requests) - failed, 0, 0, 0, subset, null, null, null)
                : (failed, failed, 0, 0, subset, null, null, null);
        }

        if (chosen.Count == 1)
        {
            var r = chosen[0];
            return (r.Requests, r.Failures, r.BytesSent, r.BytesReceived, r.Latency, r.ServiceTime, r.QueueTime, r.ExpectedLatency.TotalCount);
        }

        var latency = new LatencyHistogram();
        var service = new LatencyHistogram();
        var queue = new LatencyHistogram();
        foreach (var r in chosen)
        {
            latency.Add(r.Latency);
            service.Add(r.ServiceTime);
            queue.Add(r.QueueTime);
        }

        return (chosen.Sum(r => r.Requests), chosen.Sum(r => r.Failures), chosen.Sum(r => r.BytesSent), chosen.Sum(r => r.BytesReceived), latency, service, queue, chosen.Sum(r => r.ExpectedLatency.TotalCount));
    }
}
