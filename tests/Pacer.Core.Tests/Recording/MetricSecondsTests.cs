using Pacer.Core.Plans;
using Pacer.Core.Recording;

namespace Pacer.Core.Tests.Recording;

/// <summary>The per-second figures of the WebSocket metrics: each drain gives what its second added, and the seconds add up to the whole.</summary>
public sealed class MetricSecondsTests
{
    [Fact]
    public void Drain_WebSocketMetrics_GivesEachSecondsCountAndPercentiles()
    {
        var metrics = new CustomMetrics([new("cart_size", MetricKind.Trend), new("ws_msgs_sent", MetricKind.Counter), new("ws_msg_rtt", MetricKind.Trend)]);
        metrics.AddCounter(1, 1);
        metrics.AddCounter(1, 1);
        foreach (var ms in new[] { 1.0, 2, 3, 4 })
        {
            metrics.AddTrend(2, ms);
        }

        metrics.AddTrend(0, 7);
        var first = metrics.Drain();
        metrics.AddCounter(1, 1);
        var second = metrics.Drain();
        var third = metrics.Drain();

        // The plan's own metric keeps no series: only the ws_* ones, in spec order.
        Assert.Equal([1, 2], first.Select(s => s.Index));
        Assert.Equal(new MetricSecond(1, 2, 0, 0, 0, 0), first[0]);
        Assert.Equal(new MetricSecond(2, 4, 2000, 4000, 4000, 4000), first[1]);
        Assert.Equal(new MetricSecond(1, 1, 0, 0, 0, 0), second[0]);
        Assert.Equal(0, second[1].Count);
        Assert.All(third, s => Assert.Equal(0, s.Count));

        // The whole still holds every value, the plan's own metric's too.
        Assert.Equal(4, metrics.Trends[2]!.TotalCount);
        Assert.Equal(1, metrics.Trends[0]!.TotalCount);
        Assert.Equal(3, metrics.Trues(1));
    }

    [Fact]
    public void Drain_NoWebSocketMetrics_ReturnsNoSeconds()
    {
        var metrics = new CustomMetrics([new("cart_size", MetricKind.Trend)]);
        metrics.AddTrend(0, 5);

        Assert.Empty(metrics.Drain());
        Assert.Equal(1, metrics.Trends[0]!.TotalCount);
    }
}
