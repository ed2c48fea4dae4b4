using Pacer.Core.Engine;
using Pacer.Core.Results;
using Pacer.Reports.Console;
using Spectre.Console;

namespace Pacer.Cli.Pipeline;

/// <summary>
/// What <c>pacer run</c> shows while a run goes: the line naming the run and how to stop it (standard output), the live
/// progress line every second (standard error, unless <c>--quiet</c>), and the end of that line before the summary.
/// </summary>
internal sealed class ConsoleRunObserver(IAnsiConsole console, ProgressPrinter? progress) : IRunObserver
{
    public ValueTask OnStartedAsync(RunStarted started, CancellationToken cancellationToken)
    {
        var plan = started.Plan;
        console.MarkupLineInterpolated($"[grey]pacer: {TerminalText.Clean(plan.Name)} → {TerminalText.Clean(plan.Target.ToString())} ({started.Model} model, {Pacer.Reports.Formatting.Units.PlanDuration(plan.Load.Duration)}, transport {started.TransportName}); Ctrl-C stops and keeps the partial result[/]");
        return ValueTask.CompletedTask;
    }

    public ValueTask OnTickAsync(RunTick tick, CancellationToken cancellationToken)
    {
        progress?.OnTick(tick);
        return ValueTask.CompletedTask;
    }

    public ValueTask OnCompletedAsync(RunResult result, CancellationToken cancellationToken)
    {
        try
        {
            progress?.Finish();
        }
        catch (IOException)
        {
            // Standard error is gone (a closed terminal): the progress line cannot be finished, which loses nothing measured.
        }

        return ValueTask.CompletedTask;
    }
}
