namespace Pacer.Core.Timing;

/// <summary>What an <see cref="IStepClock"/> wakes: a virtual user's iteration, run on the thread pool without allocating.</summary>
internal interface IStepWake : IThreadPoolWorkItem
{
    /// <summary>Ends the wait early when cancelled (the run is over).</summary>
    CancellationToken WakeCancellation { get; }
}
