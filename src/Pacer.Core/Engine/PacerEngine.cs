using Pacer.Core.Monitoring;
using Pacer.Core.Plans;
using Pacer.Core.Recording;
using Pacer.Core.Results;
using Pacer.Core.Running;
using Pacer.Core.Thresholds;
using Pacer.Core.Transport;

namespace Pacer.Core.Engine;

/// <summary>
/// Runs a <see cref="LoadPlan"/> and gives back its result: the transport, the runner, the threshold monitor and the result
/// builder assembled in one place, with observers for everything that watches the run. <c>pacer run</c> is one caller of it.
/// </summary>
/// <remarks>
/// Guarantees (docs/library.md): once load has started, whatever fails — the transport, a scenario's runtime, the threshold
/// monitor — the run stops and a partial result marked aborted with the reason is returned, never an exception; a cancelled
/// <c>cancellationToken</c> stops the load, gives requests in flight <see cref="EngineOptions.InterruptGrace"/>, and returns the
/// partial result the same way. Observers never hold up the run and never end it by throwing.
/// </remarks>
public static class PacerEngine
{
    /// <summary>From this many connections opened, a finished run's connection memory is worth a full collection to give back.</summary>
    private const long ManyConnections = 1_000;

    /// <summary>Runs <paramref name="plan"/> to its end, its request bound, an abort or a cancellation, and builds its result.</summary>
    /// <param name="plan">The plan (parsed from YAML by <see cref="PlanParser"/>, or built in C# with <see cref="PlanBuilder"/>).</param>
    /// <param name="options">Transport, observers and stop settings.</param>
    /// <param name="cancellationToken">Stops the run early, keeping what was measured (<see cref="EngineRun.Interrupted"/>).</param>
    /// <returns>The result, with how the run ended.</returns>
    /// <exception cref="NotSupportedException">The chosen transport cannot carry the plan (e.g. <c>--transport lean</c> with https://); nothing was sent.</exception>
    /// <exception cref="ArgumentException">An option is out of range; nothing was sent.</exception>
    public static async Task<EngineRun> RunAsync(LoadPlan plan, EngineOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();

        var monitor = new ThresholdMonitor(plan);
        var thresholds = new ThresholdAbortObserver(options.AbortCheck ?? monitor.CheckAbort);
        var stop = new StopSignal();
        var hub = new ObserverHub(plan, [thresholds, .. options.Observers], options.ObserverQueueLength, options.Time);

        // The target's watchers are the engine's from here: disposed once their readings are in, or on the way out when the run
        // cannot start (a transport that cannot carry the plan), so a watcher holding a resource is always released.
        await using var watch = options.Watchers.Count == 0 ? null : new TargetWatch(options.Watchers, options.WatchTimeouts, options.Time);
        var transport = options.CreateTransport?.Invoke(plan) ?? PlanTransport.Create(plan, options.Transport);

        // Disposed once: by ReleaseLoadMemoryAsync after a run, or here when the run could not start or failed before that.
        var transportOpen = true;
        try
        {
            hub.Start(new RunStarted(plan, ResultBuilder.Model(plan), transport.Name, new RunStopHandle(stop)));

            RunOutcome outcome;
            try
            {
                outcome = await LoadRunner.RunAsync(
                    plan,
                    transport,
                    new RunOptions
                    {
                        Tick = watch is null ? hub.Publish : report =>
                        {
                            hub.Publish(report);
                            watch.Tick(report.Elapsed);
                        },
                        Stop = stop,

                        // The target's watchers take their baselines once the lanes are ready, just before time zero, so their first
                        // second is the load's; one that cannot start is reported in the result, never holds the run (each start is bounded).
                        BeforeLoad = watch is null ? null : () => watch.StartAsync(cancellationToken),
                        InterruptGrace = options.InterruptGrace,
                        StopNow = options.StopNow,
                        RequestObserver = options.RequestObserver,
                        Time = options.Time,
                    },
                    cancellationToken);
            }
            catch
            {
                // The run could not start (nothing was measured): observers are released without a result, and the error is the caller's.
                thresholds.Close();
                await hub.CompleteAsync(null, options.ObserverDrainTimeout);
                throw;
            }

            // The monitor's record of which threshold aborted the run is read by the result builder: it judges nothing after this.
            thresholds.Close();
            hub.CloseTicks();
            var transportName = transport.Name;
            var firstErrors = transport.FirstErrorExamples;
            transportOpen = false;
            await ReleaseLoadMemoryAsync(transport, outcome);
            var target = watch is null ? null : await watch.FinishAsync(outcome.Elapsed, Window(outcome), options.StopNow);
            var result = WithWarnings(ResultBuilder.Build(plan, outcome, monitor, transportName, firstErrors, target), hub.TakeWarnings());
            await hub.CompleteAsync(result, options.ObserverDrainTimeout);
            return new EngineRun(WithWarnings(result, hub.TakeWarnings()), outcome.Interrupted, outcome.Fault);
        }
        finally
        {
            if (transportOpen)
            {
                await transport.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// Closes the run's connections before the result is built and, after a run that held many, gives their memory back to the
    /// system: the result, the summary and the reports then reuse it instead of adding to it, so the run's peak memory is the
    /// load's own (measured at 10,000 connections: the report phase had added 3.3 MB on top of the load's 49.5 MB).
    /// </summary>
    private static async ValueTask ReleaseLoadMemoryAsync(ITransport transport, RunOutcome outcome)
    {
        await transport.DisposeAsync();
        if (outcome.ConnectionsOpened >= ManyConnections)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        }
    }

    /// <summary>The run's span and its seconds' keys, for watchers asked after the run.</summary>
    private static TargetWindow Window(RunOutcome outcome) =>
        new(outcome.StartedUtc, outcome.EndedUtc, [.. outcome.Totals.Intervals.Select(i => IntervalStats.SecondKey(i.ElapsedSeconds))]);

    private static RunResult WithWarnings(RunResult result, IReadOnlyList<string> warnings) =>
        warnings.Count == 0 ? result : result with { Warnings = [.. result.Warnings, .. warnings] };
}
