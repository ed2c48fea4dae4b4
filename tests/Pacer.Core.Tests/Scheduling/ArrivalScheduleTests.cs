using Pacer.Core.Plans;
using Pacer.Core.Scheduling;

namespace Pacer.Core.Tests.Scheduling;

public sealed class ArrivalScheduleTests
{
    [Fact]
    public void ArrivalTime_ConstantRate_IsIndexOverRate()
    {
        var schedule = new ArrivalSchedule(Open(100, (10, 100)));

        Assert.Equal(TimeSpan.Zero, schedule.ArrivalTime(0));
        Assert.Equal(TimeSpan.FromMilliseconds(10), schedule.ArrivalTime(1));
        Assert.Equal(TimeSpan.FromMilliseconds(9990), schedule.ArrivalTime(999));
        Assert.Null(schedule.ArrivalTime(1000));
        Assert.Equal(1000, schedule.ExpectedCount, 9);
    }

    [Fact]
    public void ArrivalTime_RampFromZero_SolvesTheIntegral()
    {
        // 0 → 100/s over 10 s: N(t) = 5 t², so 500 arrivals and arrival i at √(i/5).
        var schedule = new ArrivalSchedule(Open(0, (10, 100)));

        Assert.Equal(500, schedule.ExpectedCount, 9);
        for (var i = 0; i < 500; i++)
        {
            Assert.Equal(Math.Sqrt(i / 5.0), schedule.ArrivalSeconds(i)!.Value, 9);
        }

        Assert.Null(schedule.ArrivalSeconds(500));
    }

    [Fact]
    public void ArrivalTime_RampDown_ArrivalsThinOutAndStop()
    {
        // 100 → 0/s over 10 s: N(t) = 100t − 5t², 500 arrivals, gaps widen.
        var schedule = new ArrivalSchedule(Open(100, (10, 0)));
        var times = Enumerable.Range(0, 500).Select(i => schedule.ArrivalSeconds(i)!.Value).ToArray();

        for (var i = 0; i < times.Length; i++)
        {
            var t = times[i];
            Assert.Equal(i, (100 * t) - (5 * t * t), 6);
        }

        Assert.True(times[499] - times[498] > times[1] - times[0]);
        Assert.Null(schedule.ArrivalSeconds(500));
    }

    [Fact]
    public void ArrivalTime_MultiStageWithZeroRateGap_SkipsTheGap()
    {
        // 10 s at 10/s, then 5 s at 0, then ramp 0 → 20/s over 10 s.
        var schedule = new ArrivalSchedule(Open(10, (10, 10), (0, 0), (5, 0), (10, 20)));

        Assert.Equal(100 + 0 + 100, schedule.ExpectedCount, 9);
        Assert.Equal(9.9, schedule.ArrivalSeconds(99)!.Value, 9);
        var firstAfterGap = schedule.ArrivalSeconds(100)!.Value;
        Assert.True(firstAfterGap >= 15, $"arrival 100 at {firstAfterGap}");
        Assert.Equal(15 + Math.Sqrt(1.0 / 1.0), schedule.ArrivalSeconds(101)!.Value, 9);
    }

    [Fact]
    public void ArrivalTime_BillionthArrival_DoesNotDrift()
    {
        var schedule = new ArrivalSchedule(Open(100_000, (20_000, 100_000)));

        Assert.Equal(10_000.0, schedule.ArrivalSeconds(1_000_000_000)!.Value, 9);
        Assert.Equal(TimeSpan.FromSeconds(10_000), schedule.ArrivalTime(1_000_000_000));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(2.5, 50)]
    [InlineData(5, 100)]
    [InlineData(7.5, 100)]
    [InlineData(11, 0)]
    public void RateAt_FollowsTheStages(double seconds, double expected)
    {
        var schedule = new ArrivalSchedule(Open(0, (5, 100), (5, 100)));

        Assert.Equal(expected, schedule.RateAt(TimeSpan.FromSeconds(seconds)), 9);
    }

    internal static LoadProfile Open(double start, params (double Seconds, double Target)[] stages) =>
        new(LoadModel.Open, start, [.. stages.Select(s => new Stage(TimeSpan.FromSeconds(s.Seconds), s.Target))], 10, TimeSpan.FromSeconds(10), null, TimeSpan.FromSeconds(1));
}
