using System.Diagnostics;
using Pacer.Core.Recording;

namespace Pacer.Core.Tests.Recording;

public sealed class ActivityGaugeTests
{
    [Fact]
    public void Add_EveryChange_MovesMinMaxAndValueWithoutATick()
    {
        var period = new LoadPeriod();
        period.Start(Stopwatch.GetTimestamp(), TimeSpan.FromHours(1));
        var gauge = new ActivityGauge(period);

        gauge.Add(3);
        gauge.Add(-2);
        gauge.Add(4);

        Assert.Equal(5, gauge.Value);
        Assert.Equal(1, gauge.Min);
        Assert.Equal(5, gauge.Max);
    }

    [Fact]
    public void Add_AfterTheLoadPeriod_ChangesTheCountButNotTheGauge()
    {
        // Users finishing in the drain leave the count, but the gauge describes the load: value = the count when it ended.
        var period = new LoadPeriod();
        period.Start(Stopwatch.GetTimestamp(), TimeSpan.FromHours(1));
        var gauge = new ActivityGauge(period);
        gauge.Add(20);

        period.EndAt(Stopwatch.GetTimestamp());
        gauge.Add(-20);

        Assert.Equal(0, gauge.Current);
        Assert.Equal(20, gauge.Value);
        Assert.Equal(20, gauge.Min);
        Assert.Equal(20, gauge.Max);
    }

    [Fact]
    public void Add_FromManyThreads_MaxIsTheLargestCountEverReached()
    {
        // Each thread adds one and removes it again: the count never exceeds the number of threads, and with a barrier
        // holding every thread between its add and its remove, it reaches it exactly.
        var period = new LoadPeriod();
        period.Start(Stopwatch.GetTimestamp(), TimeSpan.FromHours(1));
        var gauge = new ActivityGauge(period);
        const int Threads = 4;
        using var allIn = new Barrier(Threads);
        var threads = Enumerable.Range(0, Threads).Select(_ => new Thread(() =>
        {
            for (var i = 0; i < 10_000; i++)
            {
                gauge.Add(1);
                gauge.Add(-1);
            }

            gauge.Add(1);
            allIn.SignalAndWait();
            gauge.Add(-1);
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        Assert.Equal(Threads, gauge.Max);
        Assert.Equal(0, gauge.Min);
        Assert.Equal(0, gauge.Value);
    }

    [Fact]
    public void LoadPeriod_EndAt_OnlyMovesTheEndEarlierAndNeverBeforeTheStart()
    {
        var period = new LoadPeriod();
        var start = Stopwatch.GetTimestamp();
        period.Start(start, TimeSpan.FromSeconds(10));
        var planned = period.EndTicks;

        period.EndAt(planned + Stopwatch.Frequency);
        Assert.Equal(planned, period.EndTicks);

        period.EndAt(start + Stopwatch.Frequency);
        Assert.Equal(start + Stopwatch.Frequency, period.EndTicks);
        Assert.Equal(TimeSpan.FromSeconds(1), period.LengthAt(start + (5 * Stopwatch.Frequency)));

        period.EndAt(start - Stopwatch.Frequency);
        Assert.Equal(start, period.EndTicks);
    }
}
