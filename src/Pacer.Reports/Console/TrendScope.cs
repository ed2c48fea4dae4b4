using Pacer.Core.Plans;
using Pacer.Core.Results;
using Pacer.Reports.Formatting;

namespace Pacer.Reports.Console;

/// <summary>
/// Says which requests a trend of the summary holds, so a latency made of failures is never read as the service's:
/// http_req_duration holds every request (failed ones included, abandoned ones as a lower bound), its
/// <c>{expected_response:true}</c> line only expected responses, service and queue time only requests that got a response.
/// </summary>
internal static class TrendScope
{
    /// <summary>The note for trend <paramref name="metric"/> of <paramref name="result"/>, or null when there is nothing to say.</summary>
    public static string? Describe(RunResult result, string metric)
    {
        var failed = result.Metrics.TryGetValue("http_req_failed", out var f) ? f.Passes ?? 0 : 0;
        var unanswered = result.Statuses.Where(s => s.Status == 0).Sum(s => s.Count);
        var abandoned = result.Errors.Where(e => e.Kind == "abandoned").Sum(e => e.Count);
        return metric switch
        {
            "http_req_duration" when failed > 0 => $"all requests incl. {Units.Count(failed)} failed{(abandoned > 0 ? $" ({Units.Count(abandoned)} abandoned: lower bounds)" : string.Empty)}",
            "http_req_duration" => "all requests",
            KnownMetrics.ExpectedDurationKey => failed > 0 ? $"expected responses only ({Units.Count(failed)} failed left out)" : "expected responses only",
            "ws_msg_rtt" => "intended send to reply",
            "ws_connecting" => "WebSocket handshake",
            "http_req_service_time" or "http_req_queue_time" when unanswered > 0 => $"responses only ({Units.Count(unanswered)} without a response left out)",
            _ => null,
        };
    }
}
