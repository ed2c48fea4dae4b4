using System.Collections.Concurrent;
using System.Diagnostics;
using Pacer.Core.Timing;

namespace Pacer.Core.Tests.Running;

/// <summary>
/// The shared timer that wakes virtual users after a think or pacing: never before the deadline (the invariant a step's send
/// time rests on), and late by little even with deadlines arriving out of order; cancelled waits end without their deadline.
/// </summary>
[Collection(nameof(ThinkTimeTiming))]
public sealed class PreciseTimerTests
{
    [Fact]
    public async Task WakeAt_ManyDeadlinesInAnyOrder_NoneWakesBeforeItsTime()
    {
        using var timer = new PreciseTimer();
        var random = new Random(12);
        var start = Stopwatch.GetTimestamp();
        var wakes = Enumerable.Range(0, 400)
            .Select(_ => new Recorded(start + (long)(random.NextDouble() * 0.3 * Stopwatch.Frequency)))
            .ToList();

        // Handed over in random order, as users' thinks end: a later call may bring an earlier deadline.
        foreach (var wake in wakes)
        {
            timer.WakeAt(wake.Due, wake);
        }

        await Task.WhenAll(wakes.Select(w => w.Woken.Task)).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.All(wakes, w => Assert.True(w.At >= w.Due, $"woke {Stopwatch.GetElapsedTime(w.At, w.Due).TotalMicroseconds:0} µs early"));

        // Late only by the thread pool's hand-over (and this 2-core machine's other work): the median within a few ms.
        var late = wakes.Select(w => Stopwatch.GetElapsedTime(w.Due, w.At).TotalMilliseconds).Order().ToList();
        Assert.True(late[late.Count / 2] < 5, $"median lateness {late[late.Count / 2]:0.###} ms");
    }

    [Fact]
    public async Task WakeAt_CancelledWait_EndsWithinTheSweepNotAtItsDeadline()
    {
        using var timer = new PreciseTimer();
        using var cancel = new CancellationTokenSource();
        var wake = new Recorded(Stopwatch.GetTimestamp() + (60 * Stopwatch.Frequency), cancel.Token);

        timer.WakeAt(wake.Due, wake);
        await cancel.CancelAsync();
        await wake.Woken.Task.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(wake.At < wake.Due);
        Assert.Equal(0, timer.Pending);
    }

    private sealed class Recorded(long due, CancellationToken cancellation = default) : IStepWake
    {
        public long Due { get; } = due;

        public long At { get; private set; }

        public TaskCompletionSource Woken { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public CancellationToken WakeCancellation => cancellation;

        public void Execute()
        {
            At = Stopwatch.GetTimestamp();
            Woken.TrySetResult();
        }
    }
}
