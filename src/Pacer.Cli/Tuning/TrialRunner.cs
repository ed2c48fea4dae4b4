using Pacer.Analysis.Capacity;
using Pacer.Cli.Pipeline;
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
                return await CapacityAsync(target, service, cancellationToken);
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

    /// <summary>
    /// The capacity search of <c>objective: capacity</c>: <c>pacer capacity</c>'s own step runner (<see cref="EngineStepRunner"/>)
    /// against the service started for this trial, so a trial's capacity is judged exactly as <c>pacer capacity</c> judges it:
    /// each step watched for its steady state and stopped early when clearly over, and held only when the plan's thresholds and
    /// SLOs pass, errors and dropped arrivals stay under their limits and the service keeps up with 90% of the offered rate.
    /// A step lasts at most the tune file's <c>duration:</c> and, once steady, at least <see cref="CapacitySettings.DefaultShortestStep"/> (or all of it
    /// when shorter), as <c>pacer capacity</c>'s <c>--min-step-time</c>.
    /// </summary>
    private async Task<TrialMeasurement> CapacityAsync(LoadPlan target, StartedService service, CancellationToken cancellationToken)
    {
        var capacity = spec.Capacity!;
        var longest = spec.Duration ?? target.Load.Duration;
        var settings = new CapacitySettings(
            new CapacitySearchOptions(capacity.Start, capacity.Maximum, capacity.Minimum)
            {
                Precision = capacity.Precision,
                Repeats = capacity.Repeats,
                MaxSteps = capacity.MaxSteps,
            },
            new CapacityCriteria(),
            longest,
            longest < CapacitySettings.DefaultShortestStep ? longest : CapacitySettings.DefaultShortestStep)
        {
            ShowProgress = false,
            Transport = transport,
        };

        // Ctrl-C ends the search through cancellationToken (the step under way is not judged); nothing stops a step harder.
        var runner = new EngineStepRunner(target, settings, service, CancellationToken.None);
        var search = await CapacitySearch.RunAsync(runner, settings.Search, cancellationToken: cancellationToken);

        // The trial's figures (p99, CPU per request, the result kept) are those of the step at the capacity: the last step
        // run is usually one above it that missed.
        var at = search.Steps.LastOrDefault(s => s.Held && s.Level == search.Capacity) ?? search.Steps.LastOrDefault();
        var result = at is null ? null : runner.ResultOf(at.Index);
        var measured = new TrialMeasurement(search.Capacity, search.Capacity is not null)
        {
            Interrupted = search.Outcome == CapacityOutcome.Interrupted,
            Problem = search.Capacity is null ? $"no capacity: {search.Outcome}" : null,
            Breaches = search.FirstBroken?.Breaches ?? [],
            Rps = search.Capacity,
            P99 = result is null ? null : ObjectiveReading.P99(result),
            CpuMsPerRequest = result is null ? null : ObjectiveReading.CpuMsPerRequest(result),
            Result = result,
        };
        return service.HasExited ? measured with { Feasible = false, Problem = "the service exited during the trial" } : measured;
    }
}
