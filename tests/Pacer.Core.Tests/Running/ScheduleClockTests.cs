using Pacer.Core.Running;

namespace Pacer.Core.Tests.Running;

public sealed class ScheduleClockTests
{
    [Fact]
    public async Task Ready_CompletesOnlyWhenEveryLaneIsReady()
    {
        using var clock = new ScheduleClock(lanes: 3);

        clock.LaneReady();
        clock.LaneReady();
        Assert.False(clock.Ready.IsCompleted);

        clock.LaneReady();
        await clock.Ready.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(clock.Started.IsCompleted);
    }

    [Fact]
    public async Task Start_ReleasesEveryLaneWithTheSameTimeZero()
    {
        // Two dispatchers (threads) and a closed lane (a task) wait for one start: all of them read the same zero.
        using var clock = new ScheduleClock(lanes: 3);
        var seen = new long[3];
        var threads = Enumerable.Range(0, 2).Select(i => new Thread(() =>
        {
            clock.LaneReady();
            seen[i] = clock.WaitForStart(CancellationToken.None) ? clock.StartTicks : -1;
        })).ToList();
        threads.ForEach(t => t.Start());
        var closed = Task.Run(async () =>
        {
            clock.LaneReady();
            await clock.Started;
            seen[2] = clock.StartTicks;
        });

        await clock.Ready.WaitAsync(TimeSpan.FromSeconds(10));
        clock.Start(123_456_789);
        await closed.WaitAsync(TimeSpan.FromSeconds(10));
        threads.ForEach(t => t.Join());

        Assert.Equal([123_456_789L, 123_456_789L, 123_456_789L], seen);
    }

    [Fact]
    public void WaitForStart_RunStoppedBeforeTheStart_ReturnsFalse()
    {
        using var clock = new ScheduleClock(lanes: 1);
        using var stopping = new CancellationTokenSource();
        stopping.Cancel();

        Assert.False(clock.WaitForStart(stopping.Token));
    }
}
