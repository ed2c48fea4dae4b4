using Pacer.Core.Plans;
using Pacer.Core.Scheduling;

namespace Pacer.Core.Tests.Scheduling;

public sealed class VirtualUserScheduleTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 2)]
    [InlineData(2.5, 5)]
    [InlineData(5, 10)]
    [InlineData(9.99, 10)]
    [InlineData(12.5, 5)]
    [InlineData(15.1, 0)]
    public void TargetAt_RampHoldRampDown_Interpolates(double seconds, int expected)
    {
        // 0 → 10 users over 5 s, hold 5 s, 10 → 0 over 5 s.
        var load = new LoadProfile(
            LoadModel.Closed,
            0,
            [new Stage(TimeSpan.FromSeconds(5), 10), new Stage(TimeSpan.FromSeconds(5), 10), new Stage(TimeSpan.FromSeconds(5), 0)],
            1,
            TimeSpan.FromSeconds(1),
            null,
            TimeSpan.FromSeconds(1));
        var schedule = new VirtualUserSchedule(load);

        Assert.Equal(expected, schedule.TargetAt(TimeSpan.FromSeconds(seconds)));
        Assert.Equal(10, schedule.MaxUsers);
        Assert.Equal(TimeSpan.FromSeconds(15), schedule.Duration);
    }

    [Fact]
    public void TargetAt_ConstantUsers_IsConstantUntilTheEnd()
    {
        var load = new LoadProfile(LoadModel.Closed, 25, [new Stage(TimeSpan.FromSeconds(30), 25)], 1, TimeSpan.FromSeconds(1), null, TimeSpan.FromSeconds(1));
        var schedule = new VirtualUserSchedule(load);

        Assert.All(new[] { 0.0, 10, 29.9 }, s => Assert.Equal(25, schedule.TargetAt(TimeSpan.FromSeconds(s))));
        Assert.Equal(0, schedule.TargetAt(TimeSpan.FromSeconds(30)));
    }
}
