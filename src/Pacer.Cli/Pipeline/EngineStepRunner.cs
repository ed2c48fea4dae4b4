using Pacer.Analysis.Capacity;
using Pacer.Core.Engine;
using Pacer.Core.Monitoring;
using Pacer.Core.Plans;
using Pacer.Core.Results;

namespace Pacer.Cli.Pipeline;

/// <summary>
/// Runs each capacity step as a run of its own through <see cref="PacerEngine"/>: the plan with one constant stage at the
/// step's level (arrivals per second, or virtual users for a closed plan; split over scenarios with loads of their own by
/// their shares, <see cref="ConstantLevel.Hold"/>), fresh watchers of the target (the engine disposes
/// them after each run; a service Pacer started stays up across steps), stopped early by a <see cref="StepObserver"/>, and
/// judged by <see cref="StepJudge"/> on its own result.
/// </summary>
/// <remarks>Throws <see cref="PlanException"/> when built for a plan whose loads differ in model (no one level can drive them).</remarks>
internal sealed class EngineStepRunner(LoadPlan plan, CapacitySettings settings, StartedService? service, CancellationToken stopNow) : ICapacityStepRunner
{
    private readonly Dictionary<int, RunResult> results = [];
    private readonly LoadModel model = ConstantLevel.ModelOf(plan);
    private int steps;

    /// <summary>Whether the plan is open (arrival rates) rather than closed (virtual users).</summary>
    public bool Open => model == LoadModel.Open;

    /// <summary>The tightest latency bound of the plan's thresholds on <c>http_req_duration</c>, ms; the step watch calls a step clearly over at four times it.</summary>
    public double? LatencyLimitMs => plan.Thresholds
        .Where(t => t.Metric == "http_req_duration" && t.Expression.Operator is ComparisonOperator.Less or ComparisonOperator.LessOrEqual
            && t.Expression.Aggregation is ThresholdAggregation.Percentile or ThresholdAggregation.Avg or ThresholdAggregation.Med or ThresholdAggregation.Max)
        .Select(t => (double?)t.Expression.Value)
        .Min();

    /// <summary>The result of step <paramref name="index"/> (1-based), kept for the findings of the step that broke first.</summary>
    public RunResult? ResultOf(int index) => results.GetValueOrDefault(index);

    public async Task<CapacityStep> RunStepAsync(double level, CancellationToken cancellationToken)
    {
        if (steps > 0 && settings.Pause > TimeSpan.Zero)
        {
            // Not a precise wait: it only gives the service time to drain the previous step's queue before the next is measured.
            await Task.Delay(settings.Pause, cancellationToken);
        }

        var observer = new StepObserver(new StepWatch(Open ? level : null, LatencyLimitMs), settings.ShortestStep);
        var options = new EngineOptions { Transport = settings.Transport, Observers = [observer], Watchers = Watchers(), StopNow = stopNow };
        EngineRun run;
        try
        {
            run = await PacerEngine.RunAsync(AtLevel(level), options, cancellationToken);
        }
        catch (NotSupportedException e)
        {
            throw new UsageException(e.Message);
        }

        if (run.Interrupted)
        {
            // The step was cut short by the user: not a measurement of this level, so it is not judged.
            throw new OperationCanceledException(cancellationToken);
        }

        steps++;
        var step = StepJudge.Summarize(run.Result, level, Open, settings.Criteria) with { Steady = observer.Steady, StoppedEarly = observer.ClearlyOver };
        if (run.Fault is not null)
        {
            step = step with { Breaches = [.. step.Breaches, $"the step's run failed: {run.Fault}"] };
        }

        results[steps] = run.Result;
        return step;
    }

    /// <summary>The plan holding <paramref name="level"/> from its first second for the longest step time; its request bounds dropped (the step time bounds it).</summary>
    internal LoadPlan AtLevel(double level) => ConstantLevel.Hold(plan, level, settings.LongestStep);

    private IReadOnlyList<ITargetWatcher> Watchers()
    {
        var watchers = new List<ITargetWatcher>();
        if (plan.Watch is { IsEmpty: false } spec)
        {
            try
            {
                if (DotnetWatching.BeforeStart(spec) is { } dotnet)
                {
                    watchers.Add(dotnet);
                }

                watchers.AddRange(TargetWatcherFactory.Create(spec));
            }
            catch (TargetWatchException e)
            {
                throw new UsageException(e.Message);
            }
        }

        if (service is not null)
        {
            watchers.Add(new ServiceWatcher(service, new ProcessWatcher(service.Pid, service.Source.Kind, service.Source.Address)));
            if (DotnetWatching.AfterStart(plan.Watch, service.Pid) is { } dotnet)
            {
                watchers.Add(dotnet);
            }
        }

        return watchers;
    }
}
