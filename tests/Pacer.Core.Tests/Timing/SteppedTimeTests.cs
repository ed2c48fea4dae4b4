using Pacer.Core.Timing;

namespace Pacer.Core.Tests.Timing;

/// <summary>The simulation clock the fake-clock engine tests stand on: if it loses a timer, they hang or lie.</summary>
public sealed class SteppedTimeTests
{
    [Fact]
    public void AdvanceToNext_FiresTimersInDeadlineOrder_EachAtItsOwnTime()
    {
        var time = new SteppedTime();
        var start = time.GetUtcNow();
        var fired = new List<(string Name, TimeSpan At)>();
        using var late = time.CreateTimer(_ => fired.Add(("late", time.GetUtcNow() - start)), null, TimeSpan.FromMilliseconds(3), Timeout.InfiniteTimeSpan);
        using var early = time.CreateTimer(_ => fired.Add(("early", time.GetUtcNow() - start)), null, TimeSpan.FromTicks(15_001), Timeout.InfiniteTimeSpan);
        using var tied = time.CreateTimer(_ => fired.Add(("tied", time.GetUtcNow() - start)), null, TimeSpan.FromMilliseconds(3), Timeout.InfiniteTimeSpan);

        while (time.AdvanceToNext())
        {
        }

        Assert.Equal([("early", TimeSpan.FromTicks(15_001)), ("late", TimeSpan.FromMilliseconds(3)), ("tied", TimeSpan.FromMilliseconds(3))], fired);
        Assert.Null(time.NextDue);
    }

    [Fact]
    public void Advance_FiresAPeriodicTimerOncePerPeriod_AndADueTimeOfZeroAtOnce()
    {
        var time = new SteppedTime();
        var ticks = 0;
        var now = 0;
        using var periodic = time.CreateTimer(_ => ticks++, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        using var immediate = time.CreateTimer(_ => now++, null, TimeSpan.Zero, Timeout.InfiniteTimeSpan);

        Assert.Equal(1, now);
        time.Advance(TimeSpan.FromSeconds(3) - TimeSpan.FromTicks(1));
        Assert.Equal(2, ticks);
        time.Advance(TimeSpan.FromTicks(1));
        Assert.Equal(3, ticks);
        Assert.Equal(time.GetUtcNow() + TimeSpan.FromSeconds(1), time.NextDue);
    }

    [Fact]
    public void ATimerSetAgainFromItsOwnCallback_FiresAgain_NotForgotten()
    {
        // The case that stalled the fake-clock LoadRunner test: FakeTimeProvider dropped a one-shot timer after its callback
        // even when the timer had been set again meanwhile.
        var time = new SteppedTime();
        var fired = 0;
        ITimer? timer = null;
        timer = time.CreateTimer(_ =>
        {
            if (++fired < 3)
            {
                timer!.Change(TimeSpan.FromMilliseconds(1), Timeout.InfiniteTimeSpan);
            }
        }, null, TimeSpan.FromMilliseconds(1), Timeout.InfiniteTimeSpan);

        while (time.AdvanceToNext())
        {
        }

        Assert.Equal(3, fired);
        timer.Dispose();
    }

    [Fact]
    public void ManyThreadsWaitingOnTheClockWhileItMoves_EveryWaitEndsAtItsTarget()
    {
        // Eight threads each wait 500 times for a time a little ahead (the engine's blocking wait, which sets its timer again
        // if the time moved while it was set); the driver moves the time only to deadlines. Every wait must end, exactly at
        // or after its target, and the time must never stand still with a timer due.
        var time = new SteppedTime();
        var ticks = TickSource.For(time);
        var late = 0;
        var threads = Enumerable.Range(0, 8).Select(i => new Thread(() =>
        {
            var random = new Random(i);
            for (var n = 0; n < 500; n++)
            {
                var target = ticks.Now + TickSource.ToTicks(TimeSpan.FromMicroseconds(random.Next(1, 3_000)));
                ticks.BlockUntil(target, CancellationToken.None);
                if (ticks.Now < target)
                {
                    Interlocked.Increment(ref late);
                }
            }
        })).ToList();
        threads.ForEach(t => t.Start());

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (threads.Any(t => t.IsAlive))
        {
            Assert.True(DateTime.UtcNow < deadline, $"waits never ended; timers: {time.Describe()}");
            if (!time.AdvanceToNext())
            {
                time.Changed.WaitOne(TimeSpan.FromMilliseconds(10));
            }
        }

        Assert.Equal(0, late);
        Assert.Null(time.NextDue);
    }
}
