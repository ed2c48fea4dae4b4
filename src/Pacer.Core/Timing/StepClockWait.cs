namespace Pacer.Core.Timing;

/// <summary>
/// An awaitable wait on an <see cref="IStepClock"/> for code that runs as a task (a WebSocket stream's sends): it ends at or
/// after its tick, never before, as the clock guarantees, where <c>Task.Delay</c> would round to the millisecond and wake a
/// third of its waits early. One object per wait; a socket step is not the allocation-free request path.
/// </summary>
internal sealed class StepClockWait : IStepWake
{
    private readonly TaskCompletionSource done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private StepClockWait(CancellationToken cancellation) => WakeCancellation = cancellation;

    public CancellationToken WakeCancellation { get; }

    /// <summary>Completes at or after Stopwatch tick <paramref name="dueTicks"/>; throws when <paramref name="cancellationToken"/> ends the wait first.</summary>
    public static async Task UntilAsync(IStepClock clock, long dueTicks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clock);
        if (clock.Now >= dueTicks)
        {
            return;
        }

        var wait = new StepClockWait(cancellationToken);
        clock.WakeAt(dueTicks, wait);
        await wait.done.Task.ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
    }

    public void Execute() => done.TrySetResult();
}
