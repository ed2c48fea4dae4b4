using Pacer.Core.Results;

namespace Pacer.Reports.Html;

/// <summary>The whole run's headline numbers, read from its metrics (every request name together).</summary>
/// <param name="Requests">Requests completed.</param>
/// <param name="Rate">Requests per second over the load period.</param>
/// <param name="Failures">Requests that failed.</param>
/// <param name="Latency">Latency from the intended start of every request; null when the result has none.</param>
internal sealed record RunTotals(long Requests, double Rate, long Failures, MetricResult? Latency)
{
    /// <summary>Failures over requests; 0 when there were none.</summary>
    public double ErrorRate => Requests == 0 ? 0 : (double)Failures / Requests;

    /// <summary>Requests were sent and every one failed: the first thing a reader must learn, before any latency.</summary>
    public bool NothingSucceeded => Requests > 0 && Failures >= Requests;

    /// <summary>The totals of <paramref name="result"/>.</summary>
    public static RunTotals Of(RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var metrics = result.Metrics;
        var requests = metrics.TryGetValue("http_reqs", out var reqs) && reqs.Count is { } c ? c : result.Requests.Sum(r => r.Requests);
        var rate = reqs?.Rate ?? result.Requests.Sum(r => r.Rate);
        var failures = metrics.TryGetValue("http_req_failed", out var failed) && failed.Passes is { } p ? p : result.Requests.Sum(r => r.Failures);
        return new RunTotals(requests, rate, failures, metrics.TryGetValue("http_req_duration", out var latency) ? latency : null);
    }
}
