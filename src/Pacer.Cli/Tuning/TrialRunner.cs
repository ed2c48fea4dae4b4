using Pacer.Analysis.Capacity;
using Pacer.Core.Engine;
using Pacer.Core.Monitoring;
using Pacer.Core.Plans;
using Pacer.Core.Plans.Tuning;
using Pacer.Core.Transport;

namespace Pacer.Cli.Tuning;

/// <summary>
/// Runs one trial: restarts the service with the knobs' values, waits until it is ready, runs the plan (or the capacity
/// search) against it with the service watched, and stops it. A service that does not start is a trial with no value, not
/// an error of the tuning: a setting that cannot run is an answer too.
/// </summary>
internal sealed class TrialRunner(TuneSpec spec, LoadPlan plan, TransportChoice transport, string logPath)
{
    /// <summary>Measures the settings <paramref name="values"/>; <paramref name="best"/> is the best value so far (for pruning), or null.</summary>
    public async Task<TrialMeasurement> RunAsync(IReadOnlyDictionary<string, string> values, double? best, CancellationToken cancellationToken)
    {
        var placeholders = TrialService.Placeholders(spec, values);
        var options = await TrialService.PrepareAsync(spec, placeholders, logPath, cancellationToken);
        StartedService service;
        try
        {
            service = await ServiceProcess.StartAsync(options, cancellationToken: cancellationToken);
        }
        catch (ServiceStartException e)
        {
            return new TrialMeasurement(null, false) { Problem = "the service did not start: " + e.Message.Split('\n')[0] };
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return new TrialMeasurement(null, false) { Interrupted = true, Problem = "interrupted while the service was starting" };
        }

        await using (service)
        {
            var target = spec.TargetTemplate is { } template ? plan.Retarget(TrialService.Url(TuneTemplate.Fill(template, placeholders), "target", spec.Path)) : plan;
            EngineOptions Engine(IReadOnlyList<IRunObserver> observers) => new()
            {
                Transport = transport,
                Observers = observers,
                Watchers = [new ServiceWatcher(service, new ProcessWatcher(service.Pid, service.Source.Kind, service.Source.Address))],
            };

            if (spec.Objective == TuneObjective.Capacity)
            {
                return await CapacityAsync(target, () => Engine([]), cancellationToken);
            }

            var prune = spec.Prune is { } rule && best is { } bestSoFar && spec.Objective is TuneObjective.Throughput or TuneObjective.P99
                ? new PruneObserver(rule, spec.Objective, bestSoFar)
                : null;
            EngineRun run;
            try
            {
                run = await PacerEngine.RunAsync(target, Engine(prune is null ? [] : [prune]), cancellationToken);
            }
            catch (NotSupportedException e)
            {
                throw new UsageException(e.Message);
            }

            var measured = ObjectiveReading.Of(spec.Objective, run.Result);
            if (service.HasExited)
            {
                measured = measured with { Feasible = false, Problem = "the service exited during the trial" };
            }

            return measured with
            {
                Interrupted = run.Interrupted,
                Pruned = prune?.Reason is not null,
                Problem = prune?.Reason ?? run.Fault ?? measured.Problem,
            };
        }
    }

    /// <summary>The capacity search of <c>objective: capacity</c>, with the entry point of Pacer.Analysis.Capacity.</summary>
    private async Task<TrialMeasurement> CapacityAsync(LoadPlan target, Func<EngineOptions> engine, CancellationToken cancellationToken)
    {
        var settings = spec.Capacity!;
        var runner = new CapacityStepRunner(target, spec.Duration ?? target.Load.Duration, engine);
        var options = new CapacitySearchOptions(settings.Start, settings.Maximum, settings.Minimum)
        {
            Precision = settings.Precision,
            Repeats = settings.Repeats,
            MaxSteps = settings.MaxSteps,
        };
        var search = await CapacitySearch.RunAsync(runner, options, cancellationToken: cancellationToken);
        var last = runner.Last;
        return new TrialMeasurement(search.Capacity, search.Capacity is not null)
        {
            Interrupted = search.Outcome == CapacityOutcome.Interrupted,
            Problem = search.Capacity is null ? $"no capacity: {search.Outcome}" : null,
            Breaches = search.FirstBroken?.Breaches ?? [],
            Rps = search.Capacity,
            P99 = last is null ? null : ObjectiveReading.P99(last),
            CpuMsPerRequest = last is null ? null : ObjectiveReading.CpuMsPerRequest(last),
            Result = last,
        };
    }
}
