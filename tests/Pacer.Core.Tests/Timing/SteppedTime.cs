namespace Pacer.Core.Tests.Timing;

/// <summary>
/// A clock for running an engine as a discrete-event simulation: time never moves on its own, and every timer waiting on it
/// is known, so when nothing can happen without time passing <see cref="AdvanceToNext"/> moves the time to the earliest
/// deadline, where exactly the timers due then fire. Whatever the engine measures on it is exact.
/// </summary>
/// <remarks>
/// <para>
/// Written here rather than built on FakeTimeProvider because a simulation needs one property that provider does not have:
/// timers fire only where the test moves the time (or at once, on the thread that sets a timer already due), one at a time,
/// under one lock. FakeTimeProvider also fires due timers from any thread that reads the time, and forgets a one-shot timer
/// after its callback has run — so a timer set again by another thread while that callback ran was dropped, and the
/// simulated time stood still with a timer due that never fired (a LoadRunnerTests flake in CI, one run in a few).
/// </para>
/// <para>
/// The engine's dispatcher thread (named <c>pacer-dispatcher</c>) is the one actor whose progress is driven by time alone; its
/// waits are counted (<see cref="DispatcherWaits"/>) and whether it is waiting right now is known
/// (<see cref="DispatcherWaiting"/>), so a test can tell "the dispatcher has released everything due so far" from "it is
/// between two arrivals". Every change a driver may be waiting for sets <see cref="Changed"/>.
/// </para>
/// </remarks>
internal sealed class SteppedTime : TimeProvider
{
    // Timers are made, changed, fired and disposed under this lock, and the time moves under it. It is re-entrant: a callback
    // fired under it may set timers of its own.
    private readonly Lock gate = new();
    private readonly List<Tracked> active = [];
    private long nowTicks = new DateTimeOffset(2026, 12, 5, 0, 0, 0, TimeSpan.Zero).UtcTicks;
    private long armed;
    private bool firing;
    private Tracked? dispatcher;
    private int dispatcherWaits;

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
                return Earliest() is { } next ? At(next.DueTicks) : null;
            }
        }
    }

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <summary>DateTime ticks, so a timestamp and the time of day are one number.</summary>
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => Volatile.Read(ref nowTicks);

    public override DateTimeOffset GetUtcNow() => At(Volatile.Read(ref nowTicks));

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
            return string.Join(", ", active.Select(t => $"{At(t.DueTicks):HH:mm:ss.fffffff} {t.Source}{(t == dispatcher ? " (dispatcher)" : "")}"));
        }
    }

    /// <summary>Moves time to the earliest deadline and fires what is due then; false when no timer waits.</summary>
    public bool AdvanceToNext()
    {
        lock (gate)
        {
            if (Earliest() is not { } next)
            {
                return false;
            }

            MoveTo(Math.Max(nowTicks, next.DueTicks));
            return true;
        }
    }

    /// <summary>
    /// Moves the time on by <paramref name="delta"/>, firing the timers due on the way in order, each with the time at its own
    /// deadline (as a real clock would be when it fires).
    /// </summary>
    public void Advance(TimeSpan delta)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delta, TimeSpan.Zero);
        lock (gate)
        {
            var target = nowTicks + delta.Ticks;
            while (Earliest() is { } next && next.DueTicks <= target)
            {
                MoveTo(Math.Max(nowTicks, next.DueTicks));
            }

            MoveTo(target);
        }
    }

    private static DateTimeOffset At(long ticks) => new(ticks, TimeSpan.Zero);

    private Tracked Create(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period, bool byDispatcher)
    {
        var tracked = new Tracked(this, callback, state) { Source = state?.GetType().Name ?? callback.Method.DeclaringType?.Name ?? "?" };
        if (byDispatcher)
        {
            Interlocked.Increment(ref dispatcherWaits);
            lock (gate)
            {
                dispatcher = tracked;
            }
        }

        tracked.Change(dueTime, period);
        return tracked;
    }

    /// <summary>The waiting timer due first (of two due together, the one set first); null when none waits.</summary>
    private Tracked? Earliest()
    {
        Tracked? first = null;
        foreach (var timer in active)
        {
            if (first is null || timer.DueTicks < first.DueTicks || (timer.DueTicks == first.DueTicks && timer.ArmedAs < first.ArmedAs))
            {
                first = timer;
            }
        }

        return first;
    }

    /// <summary>Sets the time (never backwards) and fires every timer due by then. Called under the lock.</summary>
    private void MoveTo(long ticks)
    {
        Volatile.Write(ref nowTicks, Math.Max(nowTicks, ticks));
        FireDue();
    }

    /// <summary>
    /// Fires the timers due, earliest first, on this thread. A callback that sets a timer already due does not fire it from
    /// inside itself: the loop here picks it up next, so callbacks never nest.
    /// </summary>
    private void FireDue()
    {
        if (firing)
        {
            return;
        }

        firing = true;
        try
        {
            while (Earliest() is { } next && next.DueTicks <= nowTicks)
            {
                // Re-armed (or removed) before the callback runs, so a callback that sets its own timer again has the last word.
                next.Elapse();
                Changed.Set();
                next.Invoke();
            }
        }
        finally
        {
            firing = false;
        }
    }

    private sealed class Tracked(SteppedTime time, TimerCallback callback, object? state) : ITimer
    {
        private long periodTicks;
        private bool disposed;

        public string Source { get; init; } = "";

        public long DueTicks { get; private set; }

        /// <summary>When this timer was last set, in the order of all settings: ties between equal deadlines go to the first set.</summary>
        public long ArmedAs { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (time.gate)
            {
                if (disposed)
                {
                    return false;
                }

                time.active.Remove(this);
                periodTicks = period == Timeout.InfiniteTimeSpan ? 0 : period.Ticks;
                if (dueTime != Timeout.InfiniteTimeSpan)
                {
                    DueTicks = time.nowTicks + Math.Max(0, dueTime.Ticks);
                    ArmedAs = ++time.armed;
                    time.active.Add(this);
                }

                time.Changed.Set();
                time.FireDue();
                return true;
            }
        }

        /// <summary>Takes this timer off the waiting list as it fires, or moves it one period on. Called under the lock.</summary>
        public void Elapse()
        {
            if (periodTicks > 0)
            {
                DueTicks += periodTicks;
                ArmedAs = ++time.armed;
            }
            else
            {
                time.active.Remove(this);
            }
        }

        public void Invoke() => callback(state);

        public void Dispose()
        {
            lock (time.gate)
            {
                disposed = true;
                time.active.Remove(this);
            }

            time.Changed.Set();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
