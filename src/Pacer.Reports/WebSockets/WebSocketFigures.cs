using Pacer.Core.Results;

namespace Pacer.Reports.WebSockets;

/// <summary>
/// The WebSocket figures of a run, read once for every report (console, Markdown, JUnit, HTML) so they cannot disagree: the
/// counters, every <c>ws_*</c> trend with its tagged breakdowns (<c>ws_msg_rtt{step:…}</c>), and the failed WebSocket steps by
/// kind (close code, handshake status, timeout …). Any metric named <c>ws_…</c> is taken, so one Pacer adds later shows too.
/// </summary>
/// <param name="Sessions">Sockets opened (<c>ws_sessions</c>).</param>
/// <param name="Sent">Whole messages sent (<c>ws_msgs_sent</c>).</param>
/// <param name="Received">Whole messages received, read by a step or not (<c>ws_msgs_received</c>).</param>
/// <param name="Unmatched">Messages a step passed over while waiting for another (<c>ws_msgs_unmatched</c>).</param>
/// <param name="Errors">Failed WebSocket steps (<c>ws_errors</c>).</param>
/// <param name="SentRate">Messages sent per second over the load period.</param>
/// <param name="ReceivedRate">Messages received per second over the load period.</param>
/// <param name="Trends">Every ws trend and breakdown, the message round trip first (<see cref="WebSocketTrend"/>).</param>
/// <param name="ErrorKinds">Failed WebSocket steps by kind, most frequent first.</param>
internal sealed record WebSocketFigures(
    long Sessions,
    long Sent,
    long Received,
    long Unmatched,
    long Errors,
    double SentRate,
    double ReceivedRate,
    IReadOnlyList<WebSocketTrend> Trends,
    IReadOnlyList<WebSocketErrorKind> ErrorKinds)
{
    /// <summary>The metric every WebSocket report leads with: a request step's round trip from its intended send.</summary>
    public const string RoundTrip = "ws_msg_rtt";

    /// <summary>The order the known trends are shown in; others follow by name.</summary>
    private static readonly string[] TrendOrder = [RoundTrip, "ws_time_to_first_msg", "ws_ping", "ws_connecting", "ws_session_duration"];

    /// <summary>The message round trip of every step together; null when no request step ran.</summary>
    public WebSocketTrend? AllRoundTrips => Trends.FirstOrDefault(t => t.Metric == RoundTrip && t.Tags.Count == 0);

    /// <summary>The message round trip per step (tagged breakdowns); empty when the result has none.</summary>
    public IEnumerable<WebSocketTrend> StepRoundTrips => Trends.Where(t => t.Metric == RoundTrip && t.Tags.Count > 0);

    /// <summary>The WebSocket figures of <paramref name="result"/>; null when the run used no WebSocket (no <c>ws_*</c> metric).</summary>
    public static WebSocketFigures? Of(RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var metrics = result.Metrics.Where(m => m.Key.StartsWith("ws_", StringComparison.Ordinal)).ToList();
        if (metrics.Count == 0)
        {
            return null;
        }

        MetricResult? Get(string name) => result.Metrics.GetValueOrDefault(name);
        var trends = metrics
            .Where(m => m.Value.Type == "trend")
            .Select(m => WebSocketTrend.Of(m.Key, m.Value))
            .OrderBy(t => Array.IndexOf(TrendOrder, t.Metric) is var i and >= 0 ? i : TrendOrder.Length)
            .ThenBy(t => t.Metric, StringComparer.Ordinal)
            .ThenBy(t => t.Tags.Count)
            .ThenBy(t => t.Key, StringComparer.Ordinal)
            .ToList();
        var kinds = result.ScriptErrors
            .Where(e => e.Kind.StartsWith("ws_", StringComparison.Ordinal))
            .GroupBy(e => e.Kind, StringComparer.Ordinal)
            .Select(g => new WebSocketErrorKind(g.Key, g.Sum(e => e.Count), [.. g.Select(e => e.Step).Distinct(StringComparer.Ordinal)], g.First().FirstMessage))
            .OrderByDescending(k => k.Count)
            .ThenBy(k => k.Kind, StringComparer.Ordinal)
            .ToList();
        return new WebSocketFigures(
            Get("ws_sessions")?.Count ?? 0,
            Get("ws_msgs_sent")?.Count ?? 0,
            Get("ws_msgs_received")?.Count ?? 0,
            Get("ws_msgs_unmatched")?.Count ?? 0,
            Get("ws_errors")?.Count ?? 0,
            Get("ws_msgs_sent")?.Rate ?? 0,
            Get("ws_msgs_received")?.Rate ?? 0,
            trends,
            kinds);
    }
}
