namespace Pacer.Core.Timing;

/// <summary>
/// The time a scenario's virtual users wait by: the current Stopwatch tick, and a wake-up at a tick that never comes early.
/// The engine's is <see cref="Timing.PreciseTimer"/>; tests pass one whose time is data.
/// </summary>
internal interface IStepClock
{
    /// <summary>Now, in Stopwatch ticks (the transports' timestamps are on the same clock).</summary>
    long Now { get; }

    /// <summary>
    /// Runs <paramref name="wake"/> on the thread pool at or after Stopwatch tick <paramref name="dueTicks"/>, never before; or,
    /// when <see cref="IStepWake.WakeCancellation"/> is cancelled first, soon after that (the wake sees the cancellation).
    /// </summary>
    void WakeAt(long dueTicks, IStepWake wake);
}
