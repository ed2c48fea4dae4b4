using Pacer.Core.Monitoring;
using Pacer.Core.Plans;
using Pacer.Core.Recording;
using Pacer.Core.Transport;

namespace Pacer.Core.Engine;

/// <summary>How <see cref="PacerEngine"/> runs a plan, beyond what the plan says. The defaults are what <c>pacer run</c> uses.</summary>
public sealed record EngineOptions
{
    /// <summary>Which transport carries the requests (<c>--transport</c>); <see cref="TransportChoice.Auto"/> picks the lean HTTP/1.1 engine for http:// and HttpClient otherwise.</summary>
    public TransportChoice Transport { get; init; } = TransportChoice.Auto;

    /// <summary>Observers of the run, each told of its start, every second and its end, on its own task (see <see cref="IRunObserver"/>).</summary>
    public IReadOnlyList<IRunObserver> Observers { get; init; } = [];

    /// <summary>
    /// What watches the service under load (a process, a cgroup, a metrics endpoint …): started just before load, sampled at
    /// every tick, their readings in <see cref="Results.RunResult.Target"/>. A watcher that fails is reported there, never
    /// fatal; the engine disposes them when their readings are in.
    /// </summary>
    public IReadOnlyList<ITargetWatcher> Watchers { get; init; } = [];

    /// <summary>
    /// How long requests in flight may finish after the caller's cancellation token is cancelled (capped by the plan's graceful
    /// stop); the rest are abandoned and counted. <c>pacer run</c> gives 2 s after the first Ctrl-C.
    /// </summary>
    public TimeSpan InterruptGrace { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Cancelled to stop at once after a cancellation: requests in flight are abandoned without waiting for <see cref="InterruptGrace"/> (the second Ctrl-C).</summary>
    public CancellationToken StopNow { get; init; }

    /// <summary>How many unread ticks an observer's queue holds before the oldest is dropped for it (at least 1).</summary>
    public int ObserverQueueLength { get; init; } = 8;

    /// <summary>How long the engine waits, once the run is over, for each observer to take the rest of its ticks and the result; then it is cancelled and a warning says so.</summary>
    public TimeSpan ObserverDrainTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long the run waits for its watchers where it must (tests shorten them to see a hanging watcher abandoned).</summary>
    internal TargetWatchTimeouts WatchTimeouts { get; init; } = TargetWatchTimeouts.Default;

    /// <summary>Makes the transport instead of <see cref="TransportFactory"/>: the seam through which tests inject a transport that fails mid-run.</summary>
    internal Func<LoadPlan, ITransport>? CreateTransport { get; init; }

    /// <summary>Replaces the threshold monitor's abort check: the seam through which tests inject a check that throws mid-run.</summary>
    internal Func<RecorderTotals, TimeSpan, string?>? AbortCheck { get; init; }

    /// <summary>The clock the run reads and waits on (a test's fake time; <see cref="TimeProvider.System"/> otherwise).</summary>
    internal TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Sees every recorded request's raw timestamps (the truth tests' window onto the engine).</summary>
    internal IRequestObserver? RequestObserver { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting that cannot work.</summary>
    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(Observers, nameof(Observers));
        if (Observers.Any(o => o is null))
        {
            throw new ArgumentException("an observer is null", nameof(Observers));
        }

        ArgumentNullException.ThrowIfNull(Watchers, nameof(Watchers));
        if (Watchers.Any(w => w is null))
        {
            throw new ArgumentException("a watcher is null", nameof(Watchers));
        }

        if (InterruptGrace < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(InterruptGrace), InterruptGrace, "the interrupt grace cannot be negative");
        }

        if (ObserverQueueLength < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(ObserverQueueLength), ObserverQueueLength, "an observer's queue holds at least one tick");
        }

        if (ObserverDrainTimeout < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(ObserverDrainTimeout), ObserverDrainTimeout, "the observer drain timeout cannot be negative");
        }
    }
}
