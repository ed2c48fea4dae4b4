using Pacer.Core.Engine;
using Pacer.Core.Plans;
using Pacer.Core.Results;
using Pacer.Core.Tests.TestServers;

namespace Pacer.Core.Tests.Engine;

/// <summary>
/// A plan with WebSocket steps through the public engine: the ws_* metrics reach the result file, thresholds on them are
/// judged live and again (equal) on the saved file, and the counts equal the server's.
/// </summary>
public sealed class WebSocketEngineTests
{
    [Fact]
    public async Task RunAsync_WebSocketJourney_WritesWsMetricsAndJudgesTheirThresholds()
    {
        await using var server = await TestWebSocketServer.StartAsync(new WebSocketBehaviour { ReplyDelay = TimeSpan.FromMilliseconds(5) });
        var url = server.Address.ToString().TrimEnd('/') + "/sessions/1/ws";
        var plan = PlanParser.Parse($$"""
            target: http://127.0.0.1:9/
            load: { model: closed, stages: [{ duration: 2s, target: 2 }] }
            scenarios:
              - name: terminal
                steps:
                  - { ws: connect, path: "{{url}}" }
                  - { ws: request, text: '{"id": "${vu}-${iter}", "command": "ls"}', correlate: $.id, checks: [{ name: reply has command, json: $.command, equals: ls }] }
                  - think: 50ms
                  - { ws: close }
            thresholds:
              ws_msg_rtt: ["p(95)<1000", "min>=5"]
              ws_errors: ["count<1"]
              ws_sessions: ["count>0"]
            """, "ws.yaml");

        var run = await PacerEngine.RunAsync(plan, new EngineOptions(), CancellationToken.None);
        var result = run.Result;

        Assert.All(KnownMetrics.WebSocket.Keys, name => Assert.True(result.Metrics.ContainsKey(name), $"{name} is missing from the result"));
        Assert.True(result.Thresholds.All(t => t.Passed), string.Join("; ", result.Thresholds.Select(t => $"{t.Metric} {t.Expression} {t.Actual} {t.Note}")));
        Assert.Equal(4, result.Thresholds.Count);
        Assert.Equal(server.Received, result.Metrics["ws_msgs_sent"].Count);
        Assert.Equal(server.Sent, result.Metrics["ws_msgs_received"].Count);
        Assert.Equal(server.Sockets, result.Metrics["ws_sessions"].Count);
        Assert.Equal(result.Metrics["ws_sessions"].Count, result.Metrics["ws_session_duration"].Count);
        Assert.True(result.Metrics["ws_msg_rtt"].Min >= 5);
        Assert.Equal("trend", result.Metrics["ws_msg_rtt"].Type);
        Assert.Contains(result.Checks, c => c.Name == "reply has command" && c.Fails == 0 && c.Passes > 0);

        var saved = ResultFile.Parse(ResultFile.ToJson(result), "ws.json");
        var judged = ResultThresholds.Judge(saved, plan.Thresholds);
        Assert.Equal(result.Thresholds.Select(t => (t.Passed, t.Actual)), judged.Thresholds.Select(t => (t.Passed, t.Actual)));
    }
}
