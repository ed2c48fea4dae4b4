using System.Diagnostics;
using Pacer.Core.Recording;

namespace Pacer.Core.Tests.Recording;

public sealed class InFlightTimelineTests
{
    private static readonly long Second = Stopwatch.Frequency;

    [Fact]
    public void Means_ScriptedRequests_AreTheTimeAverageOfWrittenNotAnswered()
    {
        // A: 0.2 → 0.7 s, B: 0.5 → 1.5 s, C: 1.9 → 2.4 s; the run ends at 2.5 s. In flight: [0, 1] 0.5 + 0.5 = 1.0;
        // [1, 2] 0.5 + 0.1 = 0.6; [2, 2.5] 0.4 over half a second = 0.8.
        var t0 = Stopwatch.GetTimestamp();
        var timeline = new InFlightTimeline();
        timeline.Start(t0);
        timeline.Record(At(t0, 0.5), At(t0, 1.5));
        timeline.Record(At(t0, 0.2), At(t0, 0.7));
        timeline.Record(At(t0, 1.9), At(t0, 2.4));

        var means = timeline.Means([1, 2, 2.5], lastIsFinal: true);

        Assert.Equal([1.0, 0.6, 0.8], means.Select(m => Math.Round(m, 6)));
    }

    [Fact]
    public void Means_ARequestSpanningManySeconds_CountsInEachOfThem()
    {
        // A stall: 10 requests written at 1 s and answered at 4 s are in flight during seconds 2, 3 and 4, not only in the
        // second they ended in.
        var t0 = Stopwatch.GetTimestamp();
        var timeline = new InFlightTimeline();
        timeline.Start(t0);
        for (var i = 0; i < 10; i++)
        {
            timeline.Record(At(t0, 1), At(t0, 4));
        }

        var means = timeline.Means([1, 2, 3, 4, 5], lastIsFinal: true);

        Assert.Equal([0.0, 10, 10, 10, 0], means.Select(m => Math.Round(m, 6)));
    }

    [Fact]
    public void Means_TicksBetweenWholeSeconds_KeepTheTotalRequestSeconds()
    {
        // Ticks never land exactly on whole seconds; whatever the split, the intervals together hold every request-second.
        var t0 = Stopwatch.GetTimestamp();
        var timeline = new InFlightTimeline();
        timeline.Start(t0);
        var random = new Random(12);
        double total = 0;
        for (var i = 0; i < 1000; i++)
        {
            var send = random.NextDouble() * 4;
            var length = random.NextDouble() * 0.05;
            total += length;
            timeline.Record(At(t0, send), At(t0, send + length));
        }

        double[] ends = [1.003, 2.0011, 2.9997, 4.1];
        var means = timeline.Means(ends, lastIsFinal: true);

        var widths = ends.Select((end, i) => end - (i == 0 ? 0 : ends[i - 1]));
        Assert.Equal(total, means.Zip(widths, (m, w) => m * w).Sum(), 6);
    }

    private static long At(long t0, double seconds) => t0 + (long)(seconds * Second);
}
