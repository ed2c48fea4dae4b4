using Pacer.Analysis.Capacity;
using Pacer.Core.Engine;
using Pacer.Core.Plans;
using Pacer.Core.Results;

namespace Pacer.Cli.Tuning;

/// <summary>
/// One step of the capacity search inside a trial: the plan at a constant arrival rate for the step's length, against the
/// service already started for the trial, judged by the plan's thresholds and the SLO on that step alone.
/// </summary>
internal sealed class CapacityStepRunner(LoadPlan plan, TimeSpan step, Func<EngineOptions> engineOptions) : ICapacityStepRunner
{
    /// <summary>The last step's result, for the trial's figures.</summary>
    public RunResult? Last { get; private set; }

    public async Task<CapacityStep> RunStepAsync(double level, CancellationToken cancellationToken)
    {
        var constant = plan with { Load = plan.Load with { Model = LoadModel.Open, StartTarget = level, Stages = [new Stage(step, level)] } };
        var run = await PacerEngine.RunAsync(constant, engineOptions(), cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        var result = run.Result;
        Last = result;
        var duration = result.Metrics.GetValueOrDefault("http_req_duration");
        var requests = result.Metrics.GetValueOrDefault("http_reqs")?.Count ?? result.Requests.Sum(r => r.Requests);
        var errors = result.Requests.Sum(r => r.Failures);
        var breaches = ObjectiveReading.Breaches(result).ToList();
        if (run.Fault is { } fault)
        {
            breaches.Add($"run aborted: {fault}");
        }

        return new CapacityStep(
            level,
            ObjectiveReading.Rps(result) ?? 0,
            duration?.P50 ?? 0,
            duration?.P95 ?? 0,
            duration?.P99 ?? 0,
            duration?.Mean ?? 0,
            requests,
            errors,
            breaches)
        {
            Seconds = result.DurationSeconds,
            Dropped = result.Metrics.GetValueOrDefault("dropped_iterations")?.Count ?? 0,
            GeneratorLimited = result.Generator is { Saturated: true },
            TargetCpu = result.Target?.Metrics.FirstOrDefault(m => m.Name == "target_cpu")?.Mean,
        };
    }
}
