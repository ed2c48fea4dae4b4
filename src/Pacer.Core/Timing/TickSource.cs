using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Pacer.Core.Timing;

/// <summary>
/// The engine's monotonic clock: now, in Stopwatch ticks (<see cref="Stopwatch.Frequency"/> a second, the unit every
/// transport timestamp, recorded latency and schedule is kept in), read from a <see cref="TimeProvider"/>, and the blocking
/// waits a dispatcher thread holds. The one place in Core that reads the machine's clock.
/// </summary>
/// <remarks>
/// Why not <see cref="TimeProvider.GetTimestamp"/> itself: the unit. Every timestamp in the engine (a transport's send and
/// end, an arrival's intended start, a recorded latency) is in Stopwatch ticks; a fake provider counts in its own frequency
/// (10⁷ a second for FakeTimeProvider) from an origin so large (year 2000 in 100 ns ticks) that scaled to Stopwatch ticks it
/// would overflow a long. So a fake's time is converted relative to where it stood when its source was first asked for
/// (one source per provider, shared by everything on that clock). The machine's clock is read with
/// <see cref="Stopwatch.GetTimestamp"/> behind one predictable branch; measured on this 2-core VM (50 M reads, 3 rounds),
/// Stopwatch.GetTimestamp took 31–42 ns, TimeProvider.System.GetTimestamp 35–41 ns and this branch 35–52 ns — the clock
/// read dominates and the noise is larger than any difference, so speed is not the reason for the wrapper. A fake clock's
/// waits are timers of its provider: they end when the test moves the time on, exactly at their deadline.
/// </remarks>
internal sealed class TickSource
{
    /// <summary>Where a fake clock's ticks start: any positive value works (0 means "not started" to a load period).</summary>
    private const long FakeOrigin = 1L << 40;

    /// <summary>One source per fake provider, so that everything on a test's clock (engine, fake transport) shares one origin.</summary>
    private static readonly ConditionalWeakTable<TimeProvider, TickSource> Fakes = [];

    private readonly TimeProvider? fake;
    private readonly long fakeStart;
    private readonly double scale;
    private ProviderStepClock? stepClock;

    private TickSource(TimeProvider? fake)
    {
        this.fake = fake;
        if (fake is not null)
        {
            fakeStart = fake.GetTimestamp();
            scale = (double)Stopwatch.Frequency / fake.TimestampFrequency;
        }
    }

    /// <summary>The machine's clock.</summary>
    public static TickSource System { get; } = new(null);

    /// <summary>The time this source reads: <see cref="TimeProvider.System"/>, or a test's fake.</summary>
    public TimeProvider Provider => fake ?? TimeProvider.System;

    /// <summary>True for the machine's clock: waits are held precisely by sleeping and spinning (see <see cref="ArrivalPacer"/>).</summary>
    public bool IsSystem => fake is null;

    /// <summary>Now, in Stopwatch ticks.</summary>
    public long Now => fake is null ? Stopwatch.GetTimestamp() : FakeNow();

    /// <summary>What virtual users wait on (think time, pacing): the process's <see cref="PreciseTimer"/>, or this fake clock's timers.</summary>
    public IStepClock StepClock => fake is null ? PreciseTimer.Shared : LazyInitializer.EnsureInitialized(ref stepClock, () => new ProviderStepClock(this));

    /// <summary>The source for <paramref name="provider"/>; the system's own for <see cref="TimeProvider.System"/>.</summary>
    public static TickSource For(TimeProvider provider) =>
        ReferenceEquals(provider, TimeProvider.System) ? System : Fakes.GetValue(provider, static fake => new TickSource(fake));

    /// <summary>How long from <paramref name="startTicks"/> until now (negative before it).</summary>
    public TimeSpan Since(long startTicks) => Stopwatch.GetElapsedTime(startTicks, Now);

    /// <summary>Converts a duration to Stopwatch ticks.</summary>
    public static long ToTicks(TimeSpan duration) => (long)(duration.TotalSeconds * Stopwatch.Frequency);

    /// <summary>
    /// Blocks the calling thread until <paramref name="targetTicks"/> on a fake clock, or until <paramref name="cancellationToken"/>
    /// is cancelled. The machine's clock is waited on by <see cref="ArrivalPacer"/>, which never gets here.
    /// </summary>
    internal void BlockUntil(long targetTicks, CancellationToken cancellationToken)
    {
        var remaining = targetTicks - Now;
        if (remaining <= 0 || cancellationToken.IsCancellationRequested)
        {
            return;
        }

        using var due = new ManualResetEventSlim(false);
        using var timer = TimerAt(targetTicks, static state => ((ManualResetEventSlim)state!).Set(), due);
        try
        {
            due.Wait(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Cancelled while waiting: the caller sees the token and stops, as after any cancelled wait.
        }
    }

    /// <summary>
    /// A one-shot timer of a fake clock that fires when the time reaches <paramref name="dueTicks"/>. A provider's timers are
    /// relative to its present, and a test may move the time on between reading it and making the timer: the timer is set
    /// again until the time read after setting it is the time it was set from (fake time only moves forward, so it was set
    /// from the present then), so it never fires late.
    /// </summary>
    internal ITimer TimerAt(long dueTicks, TimerCallback callback, object? state)
    {
        var from = Now;
        var timer = Provider.CreateTimer(callback, state, FromTicks(Math.Max(0, dueTicks - from)), Timeout.InfiniteTimeSpan);
        for (var now = Now; now != from; now = Now)
        {
            from = now;
            timer.Change(FromTicks(Math.Max(0, dueTicks - from)), Timeout.InfiniteTimeSpan);
        }

        return timer;
    }

    /// <summary>A duration of Stopwatch ticks as a TimeSpan, rounded up so that a timer never fires before the tick.</summary>
    internal static TimeSpan FromTicks(long ticks) =>
        TimeSpan.FromTicks((long)Math.Ceiling(ticks * ((double)TimeSpan.TicksPerSecond / Stopwatch.Frequency)));

    private long FakeNow() => FakeOrigin + (long)Math.Round((fake!.GetTimestamp() - fakeStart) * scale);
}
