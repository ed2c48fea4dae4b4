using Pacer.Core.Recording;

namespace Pacer.Core.Running;

/// <summary>How a run reports and stops, beyond what its plan says.</summary>
internal sealed record RunOptions
{
    /// <summary>
    /// Called on the ticker once a second with what the second looked like; must be quick (the engine copies the figures into
    /// an immutable tick and hands it to its observers' own queues). A throw aborts the run as an internal error.
    /// </summary>
    public Action<TickReport>? Tick { get; init; }

    /// <summary>
    /// Awaited once every lane is ready (connections warmed) and before the schedule's time zero is set: the target's watchers
    /// take their baselines here, so their first second is the load's first second. Must not throw; it delays time zero by
    /// as long as it takes (the engine bounds it).
    /// </summary>
    public Func<Task>? BeforeLoad { get; init; }

    /// <summary>Where the engine and its observers ask the run to stop early (an abortOnFail threshold, an observer's stop request).</summary>
    public StopSignal? Stop { get; init; }

    /// <summary>How long in-flight requests may finish after a user interrupt (capped by the plan's graceful stop).</summary>
    public TimeSpan InterruptGrace { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Cancelled by a second Ctrl-C: stop now, abandoning requests in flight instead of waiting for <see cref="InterruptGrace"/>.</summary>
    public CancellationToken StopNow { get; init; }

    /// <summary>Sees every recorded request's raw timestamps (the truth tests' window onto the engine); null in a normal run.</summary>
    public IRequestObserver? RequestObserver { get; init; }

    /// <summary>
    /// The clock the run reads and waits on: <see cref="TimeProvider.System"/>, or a test's fake, with a transport whose
    /// timestamps are data on that clock (a real transport times the wire on the machine's clock).
    /// </summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>How far ahead of the moment every lane is ready time zero is set, on the machine's clock (see <see cref="StartUpTuning.StartLead"/>).</summary>
    public TimeSpan StartLead { get; init; } = StartUpTuning.StartLead;

    /// <summary>How many rounds an open lane's rehearsal may take at high rates (see <see cref="StartUpTuning.TierUpRounds"/>).</summary>
    public int RehearsalRounds { get; init; } = StartUpTuning.TierUpRounds;
}
