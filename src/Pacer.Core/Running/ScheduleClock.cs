using Pacer.Core.Timing;

namespace Pacer.Core.Running;

/// <summary>
/// Time zero of a run's schedules, shared by all its lanes. It starts only once every lane has said it is ready (an open
/// lane: its dispatcher thread running and its connection workers waiting; a closed lane at once), so no arrival is late
/// because the machinery that sends it did not exist yet, and lanes running side by side count from the same moment.
/// </summary>
internal sealed class ScheduleClock : IDisposable
{
    private readonly ManualResetEventSlim started = new();
    private readonly TaskCompletionSource ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource startedTask = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TickSource ticks;
    private int waitingFor;
    private long startTicks;

    /// <param name="lanes">How many lanes must report <see cref="LaneReady"/> before <see cref="Ready"/> completes.</param>
    /// <param name="ticks">The clock the schedule counts on (the machine's unless a test's).</param>
    public ScheduleClock(int lanes, TickSource? ticks = null)
    {
        this.ticks = ticks ?? TickSource.System;
        waitingFor = lanes;
        if (lanes <= 0)
        {
            ready.TrySetResult();
        }
    }

    /// <summary>Completes when every lane is ready.</summary>
    public Task Ready => ready.Task;

    /// <summary>Completes when the clock has started (<see cref="StartTicks"/> is set).</summary>
    public Task Started => startedTask.Task;

    /// <summary>The Stopwatch tick of time zero; valid once <see cref="Started"/> has completed (or <see cref="WaitForStart"/> returned true).</summary>
    public long StartTicks => Volatile.Read(ref startTicks);

    /// <summary>How long since time zero (negative before it).</summary>
    public TimeSpan Elapsed => ticks.Since(StartTicks);

    /// <summary>One lane is ready to run: its first arrival can go out on time.</summary>
    public void LaneReady()
    {
        if (Interlocked.Decrement(ref waitingFor) == 0)
        {
            ready.TrySetResult();
        }
    }

    /// <summary>
    /// Starts the clock at <paramref name="zeroTicks"/> (normally now, or a moment ahead so that the first arrival, like every
    /// later one, can be handed over before its time). Once only.
    /// </summary>
    public void Start(long zeroTicks)
    {
        Volatile.Write(ref startTicks, zeroTicks);
        started.Set();
        startedTask.TrySetResult();
    }

    /// <summary>Blocks a dedicated thread (a dispatcher) until the clock starts; false when <paramref name="stopping"/> came first.</summary>
    public bool WaitForStart(CancellationToken stopping)
    {
        try
        {
            started.Wait(stopping);
            return true;
        }
        catch (OperationCanceledException)
        {
            // The run stopped (interrupt, abort) before the clock started: nothing of this lane's schedule is due.
            return started.IsSet;
        }
    }

    public void Dispose() => started.Dispose();
}
