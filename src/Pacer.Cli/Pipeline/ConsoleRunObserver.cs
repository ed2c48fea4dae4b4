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
    /// <summary>True once the start line (plan → target) has been printed.</summary>
    public bool Started { get; private set; }

    public ValueTask OnStartedAsync(RunStarted started, CancellationToken cancellationToken)
    {
        var plan = started.Plan;
        Started = true;
        // The summary's header line (plan → target) is said here, once: the summary that follows does not repeat it.
        console.MarkupLineInterpolated($"[bold]{TerminalText.Clean(plan.Name)}[/] → {TerminalText.Clean(plan.Target.ToString())} [grey]({started.Model} model, {Pacer.Reports.Formatting.Units.PlanDuration(plan.Load.Duration)} planned, transport {started.TransportName}); Ctrl-C stops and keeps the partial result[/]");
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
