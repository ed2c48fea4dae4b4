using System.Threading.Tasks.Sources;

namespace Pacer.Core.Running;

/// <summary>
/// One connection worker's wait for its next arrival, reused for every wait so that waiting allocates nothing. Completed
/// inline: the worker's code runs on the thread that delivers, up to its next await.
/// </summary>
internal sealed class ArrivalWaiter : IValueTaskSource<bool>
{
    private ManualResetValueTaskSourceCore<bool> core = new() { RunContinuationsAsynchronously = false };

    /// <summary>The arrival delivered by the last wait that returned true.</summary>
    public Arrival Arrival { get; set; }

    /// <summary>Starts a new wait; only while the waiter is not already waiting.</summary>
    public ValueTask<bool> Begin()
    {
        core.Reset();
        return new ValueTask<bool>(this, core.Version);
    }

    /// <summary>Ends the wait with <paramref name="arrival"/>.</summary>
    public void Deliver(in Arrival arrival)
    {
        Arrival = arrival;
        core.SetResult(true);
    }

    /// <summary>Ends the wait: there will be no more arrivals.</summary>
    public void Finish() => core.SetResult(false);

    /// <summary>Ends the wait: the run was cancelled.</summary>
    public void Cancel(CancellationToken cancellation) => core.SetException(new OperationCanceledException(cancellation));

    public bool GetResult(short token) => core.GetResult(token);

    public ValueTaskSourceStatus GetStatus(short token) => core.GetStatus(token);

    public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        core.OnCompleted(continuation, state, token, flags);
}
