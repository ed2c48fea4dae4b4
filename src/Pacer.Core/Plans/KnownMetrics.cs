namespace Pacer.Core.Plans;

/// <summary>The metrics Pacer records (k6's names), their kinds, and the tags a threshold may filter on.</summary>
public static class KnownMetrics
{
    /// <summary>Metric name → kind.</summary>
    public static IReadOnlyDictionary<string, MetricKind> Kinds { get; } = new Dictionary<string, MetricKind>(StringComparer.Ordinal)
    {
        ["http_reqs"] = MetricKind.Counter,
        ["http_req_duration"] = MetricKind.Trend,
        ["http_req_service_time"] = MetricKind.Trend,
        ["http_req_queue_time"] = MetricKind.Trend,
        ["http_req_failed"] = MetricKind.Rate,
        ["iterations"] = MetricKind.Counter,
        ["dropped_iterations"] = MetricKind.Counter,
        ["data_sent"] = MetricKind.Counter,
        ["data_received"] = MetricKind.Counter,
        ["vus"] = MetricKind.Gauge,
        ["checks"] = MetricKind.Rate,
        ["group_duration"] = MetricKind.Trend,
    };

    /// <summary>
    /// The WebSocket metrics (k6's names where k6 has one, plus Pacer's <c>ws_msg_rtt</c>, <c>ws_msgs_unmatched</c>,
    /// <c>ws_errors</c>, <c>ws_time_to_first_msg</c> and <c>ws_msg_interval</c>), recorded when a plan has WebSocket steps. They
    /// are written and judged like a plan's own metrics, so a plan may not declare metrics of these names; each ws step also
    /// records its own under <c>{step:NAME}</c>.
    /// </summary>
    public static IReadOnlyDictionary<string, MetricKind> WebSocket { get; } = new Dictionary<string, MetricKind>(StringComparer.Ordinal)
    {
        ["ws_connecting"] = MetricKind.Trend,
        ["ws_sessions"] = MetricKind.Counter,
        ["ws_session_duration"] = MetricKind.Trend,
        ["ws_msgs_sent"] = MetricKind.Counter,
        ["ws_msgs_received"] = MetricKind.Counter,
        ["ws_msgs_unmatched"] = MetricKind.Counter,
        ["ws_msg_rtt"] = MetricKind.Trend,
        ["ws_errors"] = MetricKind.Counter,
        ["ws_ping"] = MetricKind.Trend,
        ["ws_time_to_first_msg"] = MetricKind.Trend,
        ["ws_msg_interval"] = MetricKind.Trend,
    };

    /// <summary>The result file's key for the latency of expected responses, as k6 names the sub-metric.</summary>
    public const string ExpectedDurationKey = "http_req_duration{expected_response:true}";

    /// <summary>Tag keys a threshold's <c>{…}</c> filter may use.</summary>
    public static IReadOnlyList<string> TagKeys { get; } = ["name", "method", "status", "error_kind", "group", "expected_response", "step"];

    /// <summary>
    /// The metrics k6's <c>expected_response</c> tag filters here: true selects requests that got an expected response (a
    /// status below 400, no error), false the failed ones. Service and queue time exist only for responses and take no such filter.
    /// </summary>
    public static IReadOnlyList<string> ExpectedResponseMetrics { get; } = ["http_req_duration", "http_reqs", "http_req_failed"];

    /// <summary>Whether <paramref name="aggregation"/> means anything for a metric of <paramref name="kind"/>.</summary>
    public static bool Allows(MetricKind kind, ThresholdAggregation aggregation) => kind switch
    {
        MetricKind.Trend => aggregation is ThresholdAggregation.Avg or ThresholdAggregation.Min or ThresholdAggregation.Max or ThresholdAggregation.Med or ThresholdAggregation.Percentile or ThresholdAggregation.Count,
        MetricKind.Counter => aggregation is ThresholdAggregation.Count or ThresholdAggregation.Rate,
        MetricKind.Rate => aggregation is ThresholdAggregation.Rate,
        MetricKind.Gauge => aggregation is ThresholdAggregation.Value or ThresholdAggregation.Min or ThresholdAggregation.Max,
        _ => false,
    };

    /// <summary>The aggregations a kind allows, as written in thresholds, for error messages.</summary>
    public static string AllowedText(MetricKind kind) => kind switch
    {
        MetricKind.Trend => "avg, min, max, med, p(N), count",
        MetricKind.Counter => "count, rate",
        MetricKind.Rate => "rate",
        _ => "value, min, max",
    };
}
