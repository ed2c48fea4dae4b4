namespace Pacer.Core.Running;

/// <summary>
/// Hands open-model arrivals from the dispatcher to connection workers without allocating: an arrival goes straight to a
/// worker that is waiting for one (whose code then runs inline on the dispatcher thread up to its send), else it waits in
/// order until a worker comes free. A <see cref="System.Threading.Channels.Channel{T}"/> allocates a waiter and a
/// cancellation registration for every read that has to wait, which at 20,000 arrivals/s is most of them.
/// </summary>
/// <remarks>
/// Waiting workers take arrivals in the order they began to wait, as a channel's readers do. The workers of a scenario lane
/// are its virtual users: each takes its turn, rather than the few most recently idle doing every iteration, which would also
/// leave how many users (and their buffers) a run sets up to chance.
/// </remarks>
internal sealed class ArrivalQueue : IDisposable
{
    private readonly Lock gate = new();
    private readonly Queue<Arrival> backlog;
    private readonly Queue<ArrivalWaiter> idle;
    private readonly CancellationToken cancellation;
    private readonly CancellationTokenRegistration onCancel;
    private readonly TaskCompletionSource allWaiting = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly int workers;
    private readonly int backlogLimit;
    private readonly Action? overflow;
    private bool completed;

    /// <param name="workers">How many workers may wait at once.</param>
    /// <param name="cancellation">Ends every wait, now and later, with <see cref="OperationCanceledException"/>.</param>
    /// <param name="backlogLimit">Most arrivals waiting for a worker; past it an arrival is dropped (<paramref name="overflow"/>).</param>
    /// <param name="overflow">Called, on the writer's thread, for each arrival dropped because the backlog was full.</param>
    /// <param name="initialBacklog">Room the backlog starts with (it grows past it, up to <paramref name="backlogLimit"/>).</param>
    public ArrivalQueue(int workers, CancellationToken cancellation, int backlogLimit = int.MaxValue, Action? overflow = null, int initialBacklog = 256)
    {
        backlog = new Queue<Arrival>(initialBacklog);
        this.workers = workers;
        this.backlogLimit = backlogLimit;
        this.overflow = overflow;
        idle = new Queue<ArrivalWaiter>(workers);
        this.cancellation = cancellation;
        onCancel = cancellation.Register(static queue => ((ArrivalQueue)queue!).EndWaits(cancelled: true), this);
    }

    /// <summary>
    /// Completes the first time all the workers the queue was made for are waiting at once: before the schedule's clock starts,
    /// that means every one of them exists and can take an arrival the moment it is released.
    /// </summary>
    public Task AllWaiting => allWaiting.Task;

    /// <summary>Adds an arrival (dispatcher thread). A waiting worker takes it at once, on this thread.</summary>
    public void Write(Arrival arrival)
    {
        ArrivalWaiter? waiter;
        lock (gate)
        {
            // A rate far above what the connections can take would otherwise queue every arrival of the run in memory.
            if (!idle.TryDequeue(out waiter) && backlog.Count < backlogLimit)
            {
                backlog.Enqueue(arrival);
                return;
            }
        }

        if (waiter is null)
        {
            // Outside the lock: the callback counts a dropped arrival.
            overflow?.Invoke();
            return;
        }

        waiter.Deliver(arrival);
    }

    /// <summary>Takes an arrival nobody has taken yet, if any.</summary>
    public bool TryRead(out Arrival arrival)
    {
        lock (gate)
        {
            return backlog.TryDequeue(out arrival);
        }
    }

    /// <summary>
    /// The next arrival for <paramref name="waiter"/>'s worker: true with it in <see cref="ArrivalWaiter.Arrival"/>, false once
    /// <see cref="Complete"/> was called and none is left.
    /// </summary>
    public ValueTask<bool> ReadAsync(ArrivalWaiter waiter)
    {
        lock (gate)
        {
            if (backlog.TryDequeue(out var arrival))
            {
                waiter.Arrival = arrival;
                return new ValueTask<bool>(true);
            }

            if (cancellation.IsCancellationRequested)
            {
                return ValueTask.FromCanceled<bool>(cancellation);
            }

            if (completed)
            {
                return new ValueTask<bool>(false);
            }

            idle.Enqueue(waiter);
            if (idle.Count == workers)
            {
                allWaiting.TrySetResult();
            }

            return waiter.Begin();
        }
    }

    /// <summary>No more arrivals: workers waiting now, and later once the backlog is empty, are told so.</summary>
    public void Complete()
    {
        lock (gate)
        {
            completed = true;
        }

        EndWaits(cancelled: false);
    }

    public void Dispose() => onCancel.Dispose();

    private void EndWaits(bool cancelled)
    {
        while (true)
        {
            ArrivalWaiter? waiter;
            lock (gate)
            {
                if (!idle.TryDequeue(out waiter))
                {
                    return;
                }
            }

            // Outside the lock: the worker's continuation runs inline here and may come straight back to read.
            if (cancelled)
            {
                waiter.Cancel(cancellation);
            }
            else
            {
                waiter.Finish();
            }
        }
    }
}
