using Pacer.Analysis.Capacity;
using Pacer.Core.Engine;

namespace Pacer.Cli.Pipeline;

/// <summary>
/// Watches one capacity step through the engine's ticks and ends it as soon as it is steady (after the shortest step time) or
/// clearly over the targets, so a step lasts as long as it needs; the plan's duration is the longest it may last.
/// </summary>
internal sealed class StepObserver(StepWatch watch, TimeSpan shortest) : IRunObserver
{
    /// <summary>The reason a step stopped because it had settled; the result's abort reason then says so.</summary>
    public const string SteadyReason = "capacity step: steady state reached";

    /// <summary>The reason a step stopped because it was clearly over the targets.</summary>
    public const string OverReason = "capacity step: clearly over the targets";

    private RunStopHandle? stop;

    /// <summary>Whether the last second seen was steady.</summary>
    public bool Steady { get; private set; }

    /// <summary>Whether the step was stopped early, clearly over the targets.</summary>
    public bool ClearlyOver { get; private set; }

    public ValueTask OnStartedAsync(RunStarted started, CancellationToken cancellationToken)
    {
        stop = started.Stop;
        return ValueTask.CompletedTask;
    }

    public ValueTask OnTickAsync(RunTick tick, CancellationToken cancellationToken)
    {
        var seconds = tick.IntervalSeconds > 0 ? tick.IntervalSeconds : 1;
        var signal = watch.Observe(new StepSecond(tick.All.Count / seconds, tick.All.Errors / seconds, tick.All.P50, tick.All.P95, tick.Dropped));
        Steady = signal == StepSignal.Steady;
        if (signal == StepSignal.ClearlyOver && !ClearlyOver)
        {
            ClearlyOver = true;
            stop?.RequestStop(OverReason);
        }
        else if (Steady && tick.Elapsed >= shortest)
        {
            stop?.RequestStop(SteadyReason);
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask OnCompletedAsync(Core.Results.RunResult result, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
