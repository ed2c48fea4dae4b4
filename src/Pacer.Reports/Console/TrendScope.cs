using System.Globalization;
using Pacer.Core.Results;

namespace Pacer.Reports.Console;

/// <summary>
/// Says which requests a trend of the summary holds, so a latency made of failures is never read as the service's:
/// http_req_duration holds every request (failed ones included, abandoned ones as a lower bound), its
/// <c>{expected_response:true}</c> line only expected responses, service and queue time only requests that got a response.
/// </summary>
internal static class TrendScope
{
    // The result file's key for the expected-responses trend (docs/results-schema.md); reports read a result by its schema,
    // like the other metric names here, not through the builder that wrote it.
    private const string ExpectedDuration = "http_req_duration{expected_response:true}";

    /// <summary>The note for trend <paramref name="metric"/> of <paramref name="result"/>, or null when there is nothing to say.</summary>
    public static string? Describe(RunResult result, string metric)
    {
        var inv = CultureInfo.InvariantCulture;
        var failed = result.Metrics.TryGetValue("http_req_failed", out var f) ? f.Passes ?? 0 : 0;
        var unanswered = result.Statuses.Where(s => s.Status == 0).Sum(s => s.Count);
        var abandoned = result.Errors.Where(e => e.Kind == "abandoned").Sum(e => e.Count);
        return metric switch
        {
            "http_req_duration" when failed > 0 => string.Create(inv, $"all requests incl. {failed:#,0} failed{(abandoned > 0 ? string.Create(inv, $" ({abandoned:#,0} abandoned: lower bounds)") : string.Empty)}"),
            "http_req_duration" => "all requests",
            ExpectedDuration => failed > 0 ? string.Create(inv, $"expected responses only ({failed:#,0} failed left out)") : "expected responses only",
            "http_req_service_time" or "http_req_queue_time" when unanswered > 0 => string.Create(inv, $"responses only ({unanswered:#,0} without a response left out)"),
            _ => null,
        };
    }
}
