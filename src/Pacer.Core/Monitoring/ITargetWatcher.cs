namespace Pacer.Core.Monitoring;

/// <summary>
/// Watches the service under load — a process, a cgroup, a .NET runtime, a metrics endpoint, a Prometheus server — without
/// installing anything on it. The engine asks it for readings once a second, at the run's own ticks, so every reading lines
/// up with the latency of the same second; sources that can only be asked afterwards answer in <see cref="AfterRunAsync"/>.
/// </summary>
/// <remarks>
/// A watcher never stops a run: whatever it throws is recorded as one of its source's errors (docs/watching.md) and the run
/// goes on. It is called from one task at a time, never from the load's hot path; a sample that takes longer than a second
/// makes the next second's sample skipped for this watcher alone. Rates (CPU cores, bytes/s) are the watcher's own business:
/// it divides its counter deltas by the time it measured between its own readings, so a skipped second costs resolution,
/// never truth.
/// </remarks>
public interface ITargetWatcher : IAsyncDisposable
{
    /// <summary>What is watched, as a user reads it: its kind and address (<c>pid</c> and <c>1234</c>, <c>cgroup</c> and <c>/sys/fs/cgroup/app</c>).</summary>
    TargetSource Source { get; }

    /// <summary>Takes the first readings (counter baselines) just before load starts; throws when the target cannot be watched at all.</summary>
    /// <param name="cancellationToken">Cancelled when the run no longer waits.</param>
    ValueTask StartAsync(CancellationToken cancellationToken);

    /// <summary>One second's readings, taken now; <paramref name="elapsed"/> is the run's tick they belong to.</summary>
    /// <param name="elapsed">Time since load started, at the tick.</param>
    /// <param name="cancellationToken">Cancelled when the run no longer waits.</param>
    ValueTask<IReadOnlyList<TargetReading>> SampleAsync(TimeSpan elapsed, CancellationToken cancellationToken);

    /// <summary>
    /// Readings a source can only give once the run is over (a Prometheus range query over the run's time span), as whole
    /// series; empty for sources sampled live.
    /// </summary>
    /// <param name="window">The run's time span and its tick seconds, to align the series with.</param>
    /// <param name="cancellationToken">Cancelled when the run no longer waits.</param>
    ValueTask<IReadOnlyList<TargetSeries>> AfterRunAsync(TargetWindow window, CancellationToken cancellationToken);
}
