using Microsoft.Extensions.Time.Testing;

namespace Pacer.Core.Tests.Timing;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that knows every timer waiting on it, so a test can run an engine on it as a discrete-event
/// simulation: when nothing can happen without time passing, <see cref="AdvanceToNext"/> moves the time to the earliest
/// deadline, where exactly the timers due then fire. Time never moves on its own, so whatever the engine measures is exact.
/// </summary>
/// <remarks>
/// The engine's dispatcher thread (named <c>pacer-dispatcher</c>) is the one actor whose progress is driven by time alone; its
/// waits are counted (<see cref="DispatcherWaits"/>) and whether it is waiting right now is known
/// (<see cref="DispatcherWaiting"/>), so a test can tell "the dispatcher has released everything due so far" from "it is
/// between two arrivals". Every change a driver may be waiting for sets <see cref="Changed"/>.
/// </remarks>
internal sealed class SteppedTime : FakeTimeProvider
{
    private readonly Lock gate = new();
    private readonly List<Tracked> active = [];
    private Tracked? dispatcher;
    private int dispatcherWaits;

    public SteppedTime()
        : base(new DateTimeOffset(2026, 12, 5, 0, 0, 0, TimeSpan.Zero))
    {
    }

    /// <summary>Set whenever a timer is made, changed, fires or is disposed (and by whoever else the driver should look at).</summary>
    public AutoResetEvent Changed { get; } = new(false);

    /// <summary>How many times the dispatcher thread has waited for a time still to come.</summary>
    public int DispatcherWaits => Volatile.Read(ref dispatcherWaits);

    /// <summary>True while the dispatcher thread waits for a time (its timer made, not yet fired).</summary>
    public bool DispatcherWaiting
    {
        get
        {
            lock (gate)
            {
                return dispatcher is { } d && active.Contains(d);
            }
        }
    }

    /// <summary>The earliest deadline of a timer still waiting, or null.</summary>
    public DateTimeOffset? NextDue
    {
        get
        {
            lock (gate)
            {
                return active.Count == 0 ? null : active.Min(t => t.Due);
            }
        }
    }

    /// <remarks>
    /// The dispatcher's own wait is a blocking one (an event its timer sets). The thread alone does not tell: a connection
    /// worker handed an arrival runs on, inline, on the dispatcher's thread until its first real wait, and may wait on the
    /// clock there (a scenario step's wake-up).
    /// </remarks>
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        Create(callback, state, dueTime, period, byDispatcher: Thread.CurrentThread.Name == "pacer-dispatcher" && state is ManualResetEventSlim);

    /// <summary>A timer of a simulated peer (a server's answer), never counted as the dispatcher's wait.</summary>
    public ITimer CreatePeerTimer(TimerCallback callback, object? state, TimeSpan dueTime) =>
        Create(callback, state, dueTime, Timeout.InfiniteTimeSpan, byDispatcher: false);

    private ITimer Create(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period, bool byDispatcher)
    {
        var tracked = new Tracked(this, period) { Source = state?.GetType().Name ?? callback.Method.DeclaringType?.Name ?? "?" };
        if (byDispatcher)
        {
            Interlocked.Increment(ref dispatcherWaits);
            lock (gate)
            {
                dispatcher = tracked;
            }
        }

        // Made under the lock the time is moved under, so the deadline tracked here is the one the fake clock fires at.
        lock (gate)
        {
            tracked.Arm(dueTime, period);
            tracked.Inner = base.CreateTimer(
                s =>
                {
                    tracked.Fired();
                    callback(s);
                },
                state,
                dueTime,
                period);
        }

        return tracked;
    }

    /// <summary>
    /// How many timers waiting were made with a state of type <typeparamref name="TState"/> (a blocking wait's is a
    /// <see cref="ManualResetEventSlim"/>): whether an actor that waits that way has got to its wait yet.
    /// </summary>
    public int Waiting<TState>()
    {
        lock (gate)
        {
            return active.Count(t => t.Source == typeof(TState).Name);
        }
    }

    /// <summary>The timers waiting, for a failure message.</summary>
    public string Describe()
    {
        lock (gate)
        {
            return string.Join(", ", active.Select(t => $"{t.Due:HH:mm:ss.fffffff} {t.Source}{(t == dispatcher ? " (dispatcher)" : "")}"));
        }
    }

    /// <summary>Moves time to the earliest deadline and fires what is due then; false when no timer waits.</summary>
    /// <remarks>
    /// The time moves under the lock timers are made under (the timers due fire inside, on this thread, and may make new ones:
    /// the lock is re-entrant), so a timer made on another thread at the same moment is made wholly before or wholly after.
    /// </remarks>
    public bool AdvanceToNext()
    {
        lock (gate)
        {
            if (NextDue is not { } next)
            {
                return false;
            }

            var now = GetUtcNow();
            Advance(next > now ? next - now : TimeSpan.Zero);
            return true;
        }
    }

    private void Track(Tracked timer, bool waiting)
    {
        lock (gate)
        {
            active.Remove(timer);
            if (waiting)
            {
                active.Add(timer);
            }
        }

        Changed.Set();
    }

    private sealed class Tracked(SteppedTime time, TimeSpan period) : ITimer
    {
        private TimeSpan period = period;

        public ITimer? Inner { get; set; }

        public string Source { get; init; } = "";

        public DateTimeOffset Due { get; private set; }

        public void Arm(TimeSpan dueTime, TimeSpan newPeriod)
        {
            period = newPeriod;
            var waiting = dueTime != Timeout.InfiniteTimeSpan;
            if (waiting)
            {
                Due = time.GetUtcNow() + dueTime;
            }

            time.Track(this, waiting);
        }

        public void Fired()
        {
            var again = period != Timeout.InfiniteTimeSpan && period > TimeSpan.Zero;
            if (again)
            {
                Due += period;
            }

            time.Track(this, again);
        }

        public bool Change(TimeSpan dueTime, TimeSpan newPeriod)
        {
            lock (time.gate)
            {
                Arm(dueTime, newPeriod);
                return Inner!.Change(dueTime, newPeriod);
            }
        }

        public void Dispose()
        {
            time.Track(this, false);
            Inner?.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
