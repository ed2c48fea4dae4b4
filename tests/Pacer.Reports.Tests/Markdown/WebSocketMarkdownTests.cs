using Pacer.Core.Results;
using Pacer.Reports.Console;
using Pacer.Reports.Markdown;

namespace Pacer.Reports.Tests.Markdown;

/// <summary>The WebSocket figures in the Markdown summary and the console's notes on the ws trends.</summary>
public sealed class WebSocketMarkdownTests
{
    [Fact]
    public void Write_PlanWithWebSocketSteps_HasOneRowOfSessionsMessagesAndRoundTrip()
    {
        var markdown = RunMarkdownWriter.Write(Result(withSockets: true));

        var row = markdown.Split('\n').Single(l => l.StartsWith("| messages (round trip from intended send) |", StringComparison.Ordinal));
        Assert.Equal("| messages (round trip from intended send) | 12 | 30 | 31 | 1 | 2 | 4.20 ms | 1.50 ms | 9.90 ms | 12.0 ms | 20.0 ms |", row.TrimEnd('\r'));
    }

    [Fact]
    public void Write_PlanWithoutWebSocketSteps_HasNoWebSocketTable()
    {
        Assert.DoesNotContain("| WebSocket |", RunMarkdownWriter.Write(Result(withSockets: false)), StringComparison.Ordinal);
    }

    [Fact]
    public void TrendScope_SaysWhatTheWsTrendsMeasure()
    {
        var result = Result(withSockets: true);

        Assert.Equal("intended send to reply", TrendScope.Describe(result, "ws_msg_rtt"));
        Assert.Equal("WebSocket handshake", TrendScope.Describe(result, "ws_connecting"));
    }

    private static RunResult Result(bool withSockets)
    {
        var metrics = new Dictionary<string, MetricResult>
        {
            ["http_reqs"] = new() { Type = "counter", Count = 10, Rate = 1 },
        };
        if (withSockets)
        {
            metrics["ws_sessions"] = new() { Type = "counter", Count = 12, Rate = 1.2 };
            metrics["ws_msgs_sent"] = new() { Type = "counter", Count = 30, Rate = 3 };
            metrics["ws_msgs_received"] = new() { Type = "counter", Count = 31, Rate = 3.1 };
            metrics["ws_msgs_unmatched"] = new() { Type = "counter", Count = 1, Rate = 0.1 };
            metrics["ws_errors"] = new() { Type = "counter", Count = 2, Rate = 0.2 };
            metrics["ws_connecting"] = new() { Type = "trend", Unit = "ms", Count = 12, Min = 1, Mean = 2, P50 = 2, P90 = 4, P95 = 4.2, P99 = 5, P999 = 5, Max = 5 };
            metrics["ws_msg_rtt"] = new() { Type = "trend", Unit = "ms", Count = 30, Min = 1, Mean = 3, P50 = 1.5, P90 = 8, P95 = 9.9, P99 = 12, P999 = 20, Max = 20 };
        }

        return new RunResult
        {
            RunId = "r1",
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
            Series = [],
            Thresholds = [],
            Warnings = [],
        };
    }
}
