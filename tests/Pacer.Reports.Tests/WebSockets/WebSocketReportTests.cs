using System.Text.RegularExpressions;
using Pacer.Reports.Console;
using Pacer.Reports.Html;
using Pacer.Reports.Junit;
using Pacer.Reports.Markdown;
using Pacer.Reports.WebSockets;

namespace Pacer.Reports.Tests.WebSockets;

/// <summary>
/// A WebSocket run in every report: the console's WebSocket block, the Markdown's per-step rows, the JUnit key numbers and the
/// HTML section with its charts — all from one reading of the result (<see cref="WebSocketFigures"/>), and none for an HTTP run.
/// </summary>
public sealed class WebSocketReportTests
{
    [Fact]
    public void Figures_ReadCountersTrendsInOrderAndWsErrorsByKind()
    {
        var ws = WebSocketFigures.Of(WebSocketRun.Result())!;

        Assert.Equal((12L, 30L, 31L, 1L, 2L, 3.0, 3.1), (ws.Sessions, ws.Sent, ws.Received, ws.Unmatched, ws.Errors, ws.SentRate, ws.ReceivedRate));
        Assert.Equal(
            ["ws_msg_rtt", "ws_msg_rtt{step:ping}", "ws_msg_rtt{step:run command}", "ws_connecting", "ws_session_duration"],
            ws.Trends.Select(t => t.Key));
        Assert.Equal(["step ping", "step run command"], ws.StepRoundTrips.Select(t => t.Label));
        Assert.Equal(30, ws.AllRoundTrips!.Figures.Count);

        // Only the ws_* kinds of script errors: a failed check is not a WebSocket error.
        Assert.Equal([("ws_closed_1011", 1L), ("ws_timeout", 1L)], ws.ErrorKinds.Select(k => (k.Kind, k.Count)));
        Assert.Equal(["run command"], ws.ErrorKinds[0].Steps);
    }

    [Theory]
    [InlineData("ws_msg_rtt", "ws_msg_rtt", "ws_msg_rtt")]
    [InlineData("ws_msg_rtt{step:run command}", "ws_msg_rtt", "step run command")]
    [InlineData("ws_ping{step:keepalive,socket:terminal}", "ws_ping", "step keepalive, socket:terminal")]
    public void Trend_Key_IsReadIntoMetricAndLabel(string key, string metric, string label)
    {
        var trend = WebSocketTrend.Of(key, WebSocketRun.Trend([1]));

        Assert.Equal((metric, label), (trend.Metric, trend.Label));
    }

    [Fact]
    public void Figures_HttpRun_IsNull()
    {
        Assert.Null(WebSocketFigures.Of(WebSocketRun.Result(withSockets: false)));
    }

    [Fact]
    public void Console_WebSocketRun_HasTheBlockWithCountsErrorsAndRoundTripPerStep()
    {
        var text = Summary(WebSocketRun.Result());

        Assert.Contains("WebSocket  12 sessions · 30 sent (3.0/s) · 31 received (3.1/s) · 1 unmatched · 2 errors", text, StringComparison.Ordinal);
        Assert.Contains("errors ws_closed_1011 1 (run command) · ws_timeout 1 (ping)", text, StringComparison.Ordinal);
        var rows = text.Split('\n').Select(l => Regex.Replace(l.Trim(), " +", " ")).ToList();
        Assert.Contains("ws_msg_rtt 30 2.00 ms 12.0 ms 20.0 ms 20.0 ms message round trip, intended send to reply", rows);
        Assert.Contains("step run command 20 3.00 ms 12.0 ms 12.0 ms 12.0 ms", rows);
        Assert.Contains("step ping 10 900 µs 20.0 ms 20.0 ms 20.0 ms", rows);
        Assert.Contains("ws_connecting 12 3.00 ms 5.00 ms 5.00 ms 5.00 ms handshake", rows);
    }

    [Fact]
    public void Console_GroupOfWebSocketStepsOnly_HasNoLineOfRequestDashes()
    {
        var empty = new Pacer.Core.Results.DurationStats(0, 0, 0, 0, 0, 0, 0, 0, 0, string.Empty);
        var stats = new Pacer.Core.Results.DurationStats(10, 1, 2, 2, 3, 4, 5, 5, 5, string.Empty);
        var result = WebSocketRun.Result() with
        {
            Groups = [new("WebSocket Communication", stats) { Requests = 0, StepLatency = empty, ServiceTime = empty, QueueTime = empty }],
        };

        var text = Summary(result);

        Assert.Contains("WebSocket Communication  10 ×", text, StringComparison.Ordinal);
        Assert.DoesNotContain("its 0 requests", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Console_HttpRun_HasNoWebSocketBlock()
    {
        Assert.DoesNotContain("WebSocket", Summary(WebSocketRun.Result(withSockets: false)), StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_WebSocketRun_HasARoundTripRowPerStepAndTheErrors()
    {
        var lines = RunMarkdownWriter.Write(WebSocketRun.Result()).Split('\n').Select(l => l.TrimEnd('\r')).ToList();

        Assert.Contains("| round trip of step run command (20 replies) | | | | | | | 3.00 ms | 12.0 ms | 12.0 ms | 12.0 ms |", lines);
        Assert.Contains("| round trip of step ping (10 replies) | | | | | | | 900 µs | 20.0 ms | 20.0 ms | 20.0 ms |", lines);
        Assert.Contains("WebSocket errors: ws\\_closed\\_1011 1 (run command) · ws\\_timeout 1 (ping)", lines);
        Assert.Contains(lines, l => l.StartsWith("| `ws_msg_rtt{step:run command}` `p(95)<25` | 12.0 ms | ✅ |", StringComparison.Ordinal));
    }

    [Fact]
    public void JUnit_WebSocketRun_ThresholdIsACaseAndTheFiguresAreInTheKeyNumbers()
    {
        var xml = RunJUnitWriter.Write(WebSocketRun.Result());

        Assert.Contains("<testcase classname=\"ws_msg_rtt{step:run command}\" name=\"p(95)&lt;25\" />", xml, StringComparison.Ordinal);
        Assert.Contains("WebSocket: 12 sessions · 30 sent (3.0/s) · 31 received (3.1/s) · 1 unmatched · 2 errors", xml, StringComparison.Ordinal);
        Assert.Contains("ws_msg_rtt{step:ping}: 10 messages · p50 900 µs · p95 20.0 ms · p99 20.0 ms · max 20.0 ms", xml, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_WebSocketRun_HasTheSectionWithTilesTableErrorsAndCharts()
    {
        var html = RunHtmlWriter.Write(WebSocketRun.Result());
        var section = Regex.Match(html, "<section class=\"websocket\"[\\s\\S]*?</section>").Value;

        Assert.Contains("<h2 id=\"websocket\">WebSocket</h2>", section, StringComparison.Ordinal);
        Assert.Equal(
            ["sessions", "sent", "received", "unmatched", "ws errors", "connect p95", "round trip p95"],
            Regex.Matches(section, "data-figure=\"([^\"]+)\"").Select(m => m.Groups[1].Value));
        Assert.Contains("<tr class=\"breakdown\" data-key=\"ws_msg_rtt{step:run command}\"><td>↳ step run command</td>", section, StringComparison.Ordinal);
        Assert.Contains("<td class=\"text bad\">ws_closed_1011</td><td>1</td><td class=\"text\">run command</td>", section, StringComparison.Ordinal);
        Assert.Equal(
            ["WebSocket messages", "WebSocket message round trip from intended send", "WebSocket message round trip by percentile"],
            Regex.Matches(section, "<title>([^<]+)</title>").Select(m => m.Groups[1].Value));

        // The ws metrics are in their own section, not among the plan's custom metrics.
        Assert.DoesNotContain("id=\"custom-metrics\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_Charts_AreTheSeriesPerSecondWithNoRoundTripWhereNoReplyCame()
    {
        var charts = WebSocketSection.Charts(WebSocketRun.Result());

        var messages = charts[0].Series.ToDictionary(s => s.Name, s => s.Points);
        Assert.Equal(["received/s", "sent/s", "unmatched/s"], messages.Keys);
        Assert.All(messages["sent/s"], p => Assert.Equal(3, p.Y));
        Assert.Equal(4, messages["received/s"].Single(p => p.X == 7).Y);
        Assert.Equal(0, messages["unmatched/s"].Single(p => p.X == 6).Y);

        var p95 = charts[1].Series.Single(s => s.Name == "p95").Points;
        Assert.Equal([1.0, 2, 3, 6, 7, 8, 9, 10], p95.Select(p => p.X));
        Assert.All(p95, p => Assert.Equal(2 * p.X, p.Y));
    }

    [Fact]
    public void Html_OlderFileWithoutWsSeries_SaysSoAndDrawsNoChartOverTime()
    {
        var html = RunHtmlWriter.Write(WebSocketRun.Result(withSeries: false));

        Assert.Empty(WebSocketSection.Charts(WebSocketRun.Result(withSeries: false)));
        Assert.Contains("per-second series has no WebSocket figures", html, StringComparison.Ordinal);
        Assert.Contains("<title>WebSocket message round trip by percentile</title>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_HttpRun_HasNoWebSocketSection()
    {
        Assert.DoesNotContain("id=\"websocket\"", RunHtmlWriter.Write(WebSocketRun.Result(withSockets: false)), StringComparison.Ordinal);
    }

    private static string Summary(Pacer.Core.Results.RunResult result)
    {
        using var writer = new StringWriter();
        SummaryRenderer.Render(result, ConsoleFactory.Create(writer, isTerminal: false));
        return writer.ToString();
    }
}
