using Pacer.Core.Engine;
using Pacer.Core.Plans;
using Pacer.Core.Results;
using Pacer.Core.Tests.TestServers;

namespace Pacer.Core.Tests.Engine;

/// <summary>The WebSocket metrics in the run's per-second series: the seconds add up to the totals the result states.</summary>
public sealed class WebSocketSeriesTests
{
    [Fact]
    public async Task RunAsync_WebSocketJourney_SeriesSecondsAddUpToTheTotals()
    {
        await using var server = await TestWebSocketServer.StartAsync(new WebSocketBehaviour { ReplyDelay = TimeSpan.FromMilliseconds(2) });
        var url = server.Address.ToString().TrimEnd('/') + "/sessions/1/ws";
        var plan = PlanParser.Parse($$"""
            target: http://127.0.0.1:9/
            load: { model: closed, stages: [{ duration: 2s, target: 2 }] }
            scenarios:
              - name: terminal
                steps:
                  - { ws: connect, path: "{{url}}" }
                  - { ws: request, text: '{"id": "${vu}-${iter}", "command": "ls"}', correlate: $.id }
                  - think: 20ms
                  - { ws: close }
            """, "ws.yaml");

        var result = (await PacerEngine.RunAsync(plan, new EngineOptions(), CancellationToken.None)).Result;

        long Seconds(string name) => result.Series.Sum(s => s.Metrics?.GetValueOrDefault(name)?.Count ?? 0);
        Assert.True(result.Metrics["ws_msgs_sent"].Count > 0);
        foreach (var name in new[] { "ws_msgs_sent", "ws_msgs_received", "ws_sessions", "ws_msg_rtt", "ws_connecting" })
        {
            Assert.Equal(result.Metrics[name].Count, Seconds(name));
        }

        var rtt = result.Metrics["ws_msg_rtt"];
        Assert.All(result.Series.Select(s => s.Metrics?.GetValueOrDefault("ws_msg_rtt")).OfType<IntervalMetric>(), second =>
        {
            Assert.True(second.P50 <= second.P95 && second.P95 <= second.P99 && second.P99 <= second.Max, $"{second}");
            Assert.True(second.Max <= rtt.Max && second.P50 >= rtt.Min, $"{second} outside [{rtt.Min}, {rtt.Max}]");
        });

        // The file carries them as written, and its reader's checks pass them.
        var saved = ResultFile.Parse(ResultFile.ToJson(result), "ws.json");
        Assert.Equal(
            result.Series.Select(s => s.Metrics?.OrderBy(m => m.Key).ToList()),
            saved.Series.Select(s => s.Metrics?.OrderBy(m => m.Key).ToList()));
        Assert.Contains("\"metrics\": {", ResultFile.ToJson(result), StringComparison.Ordinal);

        // Counters have no percentiles; a metric with nothing in a second is left out, never written as 0.
        Assert.All(result.Series.Where(s => s.Metrics is not null).SelectMany(s => s.Metrics!), m =>
        {
            Assert.True(m.Value.Count > 0);
            Assert.Equal(KnownMetrics.WebSocket[m.Key] == MetricKind.Trend, m.Value.P95 is not null);
        });
    }
}
