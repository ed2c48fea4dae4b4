namespace Pacer.Core.Monitoring;

/// <summary>How long the run waits for its watchers at the points where it must wait at all: before load, at the end, after it.</summary>
/// <param name="Start">For each watcher's <see cref="ITargetWatcher.StartAsync"/> (all at once, before load).</param>
/// <param name="LastSample">At the end of load, for a sample still running, and then for the last one.</param>
/// <param name="AfterRun">For each watcher's <see cref="ITargetWatcher.AfterRunAsync"/> (a Prometheus server answering range queries).</param>
/// <param name="Dispose">For each watcher's <c>DisposeAsync</c> (stopping a service Pacer started takes its stop grace).</param>
internal sealed record TargetWatchTimeouts(TimeSpan Start, TimeSpan LastSample, TimeSpan AfterRun, TimeSpan Dispose)
{
    public static TargetWatchTimeouts Default { get; } = new(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(30));
}
