using Pacer.Core.Recording;
using Pacer.Core.Results;

namespace Pacer.Reports.Tests.WebSockets;

/// <summary>
/// A WebSocket run built field by field: 12 sessions, 30 messages sent over 10 seconds, the round trip broken down by two steps,
/// two failed steps (a peer's close 1011 and a timeout), and the per-second series with its ws figures.
/// </summary>
internal static class WebSocketRun
{
    /// <summary>The round trips of step "run command" (ms) and of step "ping".</summary>
    public static readonly double[] RunCommand = [1, 1.5, 2, 2, 3, 4, 5, 8, 9.9, 12, 1, 1.5, 2, 2, 3, 4, 5, 8, 9.9, 12];

    public static readonly double[] Ping = [0.5, 0.6, 0.7, 0.8, 0.9, 1, 1.1, 1.2, 1.3, 20];

    public static RunResult Result(bool withSockets = true, bool withSeries = true)
    {
        var metrics = new Dictionary<string, MetricResult>
        {
            ["http_reqs"] = new() { Type = "counter", Count = 10, Rate = 1 },
        };
        var series = Enumerable.Range(1, 10).Select(t => new IntervalResult(t, 1, 0, 0, 2, 2, 1, 2, 3, 4, 100, 100)).ToList();
        if (withSockets)
        {
            metrics["ws_sessions"] = new() { Type = "counter", Count = 12, Rate = 1.2 };
            metrics["ws_msgs_sent"] = new() { Type = "counter", Count = 30, Rate = 3 };
            metrics["ws_msgs_received"] = new() { Type = "counter", Count = 31, Rate = 3.1 };
            metrics["ws_msgs_unmatched"] = new() { Type = "counter", Count = 1, Rate = 0.1 };
            metrics["ws_errors"] = new() { Type = "counter", Count = 2, Rate = 0.2 };
            metrics["ws_connecting"] = Trend([1, 2, 2, 2, 3, 3, 4, 4, 4.2, 4.2, 5, 5]);
            metrics["ws_session_duration"] = Trend([100, 110, 120, 130, 140, 150, 160, 170, 180, 190, 200, 210]);
            metrics["ws_msg_rtt"] = Trend([.. RunCommand, .. Ping]);
            metrics["ws_msg_rtt{step:run command}"] = Trend(RunCommand);
            metrics["ws_msg_rtt{step:ping}"] = Trend(Ping);
            if (withSeries)
            {
                // Three messages a second; seconds 4 and 5 got no reply (no round trip), second 7 passed one over.
                series = [.. series.Select(i => i with
                {
                    Metrics = new Dictionary<string, IntervalMetric>
                    {
                        ["ws_msgs_sent"] = new(3),
                        ["ws_msgs_received"] = new(i.T == 7 ? 4 : 3),
                    }
                    .Concat(i.T is 4 or 5 ? [] : [new("ws_msg_rtt", new IntervalMetric(3) { P50 = i.T, P95 = 2 * i.T, P99 = 3 * i.T, Max = 3 * i.T })])
                    .Concat(i.T == 7 ? [new("ws_msgs_unmatched", new IntervalMetric(1))] : [])
                    .ToDictionary(),
                })];
            }
        }

        return new RunResult
        {
            RunId = "0123456789abcdef0123456789abcdef",
            StartedUtc = DateTimeOffset.UnixEpoch,
            EndedUtc = DateTimeOffset.UnixEpoch.AddSeconds(10),
            DurationSeconds = 10,
            LoadSeconds = 10,
            Passed = true,
            Plan = new PlanInfo("terminal", "plan.yaml", "sha256:00", string.Empty, "http://127.0.0.1:8080/", "closed", 10, []),
            Environment = new EnvironmentInfo("m", "os", ".NET", 2, "1.0", "pacer-http1/epoll"),
            Metrics = metrics,
            Requests = [],
            Statuses = [],
            Errors = [],
            Series = series,
            Thresholds = withSockets ? [new ThresholdResult("ws_msg_rtt{step:run command}", "p(95)<25", true, 12, false, null)] : [],
            ScriptErrors = withSockets
                ?
                [
                    new ScriptErrorSummary("plan.yaml:20:11", "run command", "ws_closed_1011", "the server closed the socket (1011 internal error)", 1),
                    new ScriptErrorSummary("plan.yaml:20:11", "run command", "check reply has command", "check failed", 4),
                    new ScriptErrorSummary("plan.yaml:26:11", "ping", "ws_timeout", "no reply within 5 s", 1),
                ]
                : [],
            Warnings = [],
        };
    }

    /// <summary>A trend of <paramref name="ms"/> as the result file writes it: percentiles from its histogram, which it carries.</summary>
    public static MetricResult Trend(IReadOnlyList<double> ms)
    {
        var h = new LatencyHistogram();
        foreach (var v in ms)
        {
            h.Record((long)Math.Round(v * 1000));
        }

        double P(double p) => h.ValueAtPercentile(p) / 1000.0;
        return new MetricResult
        {
            Type = "trend",
            Unit = "ms",
            Count = ms.Count,
            Min = ms.Min(),
            Mean = ms.Average(),
            P50 = P(50),
            P90 = P(90),
            P95 = P(95),
            P99 = P(99),
            P999 = P(99.9),
            Max = ms.Max(),
            Histogram = h.Encode(),
        };
    }
}
