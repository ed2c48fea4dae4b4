using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;
using Pacer.Core.Running;
using Pacer.Core.Timing;

namespace Pacer.Core.Tests.Timing;

public sealed class TickSourceTests
{
    [Fact]
    public void For_TheSystemsProvider_IsTheMachinesClockInStopwatchTicks()
    {
        var ticks = TickSource.For(TimeProvider.System);
        var before = Stopwatch.GetTimestamp();

        var now = ticks.Now;

        Assert.Same(TickSource.System, ticks);
        Assert.True(ticks.IsSystem);
        Assert.Same(PreciseTimer.Shared, ticks.StepClock);
        Assert.InRange(now, before, Stopwatch.GetTimestamp());
    }

    [Fact]
    public void Now_OnAFakeClock_MovesExactlyAsTheFakeTimeDoes_InStopwatchTicks()
    {
        var time = new FakeTimeProvider();
        var ticks = TickSource.For(time);
        var start = ticks.Now;

        time.Advance(TimeSpan.FromMilliseconds(1_500));

        Assert.False(ticks.IsSystem);
        Assert.Same(ticks, TickSource.For(time));
        Assert.True(start > 0);
        Assert.Equal(TickSource.ToTicks(TimeSpan.FromMilliseconds(1_500)), ticks.Now - start);
        Assert.Equal(TimeSpan.FromMilliseconds(1_500), ticks.Since(start));
    }

    [Fact]
    public void WaitUntil_OnAFakeClock_ReturnsWhenTheTimeReachesTheTarget_NotATickBefore()
    {
        var time = new SteppedTime();
        var ticks = TickSource.For(time);
        var target = ticks.Now + TickSource.ToTicks(TimeSpan.FromSeconds(2));
        using var returned = new ManualResetEventSlim();
        var waiter = new Thread(() =>
        {
            ArrivalPacer.WaitUntil(ticks, target, CancellationToken.None);
            returned.Set();
        });
        waiter.Start();
        WaitForATimer(time);

        // Timers fire inside Advance, so had this one been due, the wait would already be released.
        time.Advance(TimeSpan.FromSeconds(2) - TimeSpan.FromTicks(1));
        Assert.False(returned.IsSet);
        time.Advance(TimeSpan.FromTicks(1));
        waiter.Join();

        Assert.Equal(target, ticks.Now);
    }

    [Fact]
    public void SleepUntil_OnAFakeClock_ReturnsEarlyWhenCancelled()
    {
        var time = new SteppedTime();
        var ticks = TickSource.For(time);
        using var stop = new CancellationTokenSource();
        var waiter = new Thread(() => ArrivalPacer.SleepUntil(ticks, ticks.Now + TickSource.ToTicks(TimeSpan.FromHours(1)), stop.Token));
        waiter.Start();
        WaitForATimer(time);

        stop.Cancel();
        waiter.Join();

        Assert.Null(time.NextDue);
    }

    [Fact]
    public void ScheduleClock_OnAFakeClock_CountsElapsedTimeExactly()
    {
        var time = new FakeTimeProvider();
        var ticks = TickSource.For(time);
        using var clock = new ScheduleClock(lanes: 1, ticks);
        clock.Start(ticks.Now + TickSource.ToTicks(TimeSpan.FromMilliseconds(2)));

        Assert.Equal(TimeSpan.FromMilliseconds(-2), clock.Elapsed);
        time.Advance(TimeSpan.FromSeconds(2.5));
        Assert.Equal(TimeSpan.FromMilliseconds(2_498), clock.Elapsed);
    }

    [Fact]
    public async Task StepClock_OnAFakeClock_WakesAtTheDeadlineOrAtCancellation()
    {
        var time = new SteppedTime();
        var ticks = TickSource.For(time);
        using var run = new CancellationTokenSource();
        var atDeadline = new Wake(ticks, CancellationToken.None);
        var cancelled = new Wake(ticks, run.Token);

        ticks.StepClock.WakeAt(ticks.Now + TickSource.ToTicks(TimeSpan.FromMilliseconds(300)), atDeadline);
        ticks.StepClock.WakeAt(ticks.Now + TickSource.ToTicks(TimeSpan.FromHours(1)), cancelled);
        time.Advance(TimeSpan.FromMilliseconds(300) - TimeSpan.FromTicks(1));
        Assert.False(atDeadline.Woken.Task.IsCompleted);
        time.Advance(TimeSpan.FromTicks(1));
        Assert.Equal(ticks.Now, await atDeadline.Woken.Task);

        Assert.False(cancelled.Woken.Task.IsCompleted);
        await run.CancelAsync();
        Assert.Equal(ticks.Now, await cancelled.Woken.Task);
        Assert.Null(time.NextDue);
    }

    private static void WaitForATimer(SteppedTime time)
    {
        while (time.NextDue is null)
        {
            Assert.True(time.Changed.WaitOne(TimeSpan.FromSeconds(30)), "nothing waited on the clock");
        }
    }

    /// <summary>A wake that reports the fake time it ran at.</summary>
    private sealed class Wake(TickSource ticks, CancellationToken cancellation) : IStepWake
    {
        public TaskCompletionSource<long> Woken { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public CancellationToken WakeCancellation => cancellation;

        public void Execute() => Woken.TrySetResult(ticks.Now);
    }
}
