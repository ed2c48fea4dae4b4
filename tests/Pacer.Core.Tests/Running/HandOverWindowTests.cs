using System.Diagnostics;
using Pacer.Core.Running;
using Pacer.Core.Scheduling;
using Pacer.Core.Tests.Scheduling;

namespace Pacer.Core.Tests.Running;

public sealed class HandOverWindowTests
{
    private static readonly long Millisecond = Stopwatch.Frequency / 1000;

    [Theory]
    [InlineData(1_000, 200, 16)] // 16 arrivals 1 ms apart: one dispatcher wake-up per 8 instead of per arrival
    [InlineData(20_000, 200, 2)] // 16 arrivals span 0.8 ms: the 2 ms floor
    [InlineData(100_000, 200, 2)]
    [InlineData(400, 64, 20)] // 16 arrivals span 40 ms: capped at 20 ms
    [InlineData(10, 200, 20)]
    [InlineData(1_000, 12, 3)] // a quarter of 12 connections: 3 arrivals ahead at most
    [InlineData(1_000, 7, 2)] // one arrival a quarter: nothing gained over the floor
    public void Ticks_ScalesWithTheRate_WithinItsBounds(double rate, int connections, double expectedMilliseconds)
    {
        var schedule = new ArrivalSchedule(ArrivalScheduleTests.Open(rate, (60, rate)));

        var window = HandOverWindow.Ticks(schedule, 100, schedule.ArrivalSeconds(100)!.Value, connections);

        Assert.Equal(expectedMilliseconds, window / (double)Millisecond, 2);
    }

    [Fact]
    public void Ticks_NearTheScheduleEnd_TakesTheRestInOneWindow()
    {
        // 1,000/s for 1 s: arrival 995 is the sixth from last, and nothing follows it 16 arrivals on.
        var schedule = new ArrivalSchedule(ArrivalScheduleTests.Open(1_000, (1, 1_000)));

        Assert.Equal(HandOverWindow.MaximumTicks, HandOverWindow.Ticks(schedule, 995, schedule.ArrivalSeconds(995)!.Value, 200));
    }

    [Fact]
    public void Ticks_NeverBelowTheFloor_WhereArrivalsBunch()
    {
        // A ramp from 0 to 1,000,000/s: late in it, 16 arrivals span microseconds, and the 2 ms floor holds.
        var schedule = new ArrivalSchedule(ArrivalScheduleTests.Open(0, (10, 1_000_000)));

        Assert.Equal(HandOverWindow.MinimumTicks, HandOverWindow.Ticks(schedule, 4_000_000, schedule.ArrivalSeconds(4_000_000)!.Value, 200));
    }
}
