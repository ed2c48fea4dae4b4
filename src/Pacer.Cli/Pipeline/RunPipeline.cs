using Pacer.Core.Plans;
using Pacer.Core.Results;
using Pacer.Core.Running;
using Pacer.Core.Thresholds;
using Pacer.Core.Transport;
using Pacer.Reports.Console;
using Spectre.Console;

namespace Pacer.Cli.Pipeline;

/// <summary>
/// plan → engine → result → file and summary → exit code. Shared by <c>run</c> and <c>demo</c>.
/// Whatever happens after load starts, the result is written before Pacer exits: nothing measured is lost.
/// </summary>
internal static class RunPipeline
{
    public static async Task<int> ExecuteAsync(LoadPlan plan, RunSettings settings, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        // Before any load is sent: an output that would destroy an input or another output, or cannot be a file, is a usage error.
        OutputPaths.Check(
            [("--out", settings.OutPath), ("--html", settings.HtmlPath), ("--md", settings.MarkdownPath), ("--junit", settings.JUnitPath)],
            settings.Inputs);

        var runOptions = new RunOptions();
        using var interrupt = new UserInterrupt(error, TimeSpan.FromTicks(Math.Min(runOptions.InterruptGrace.Ticks, plan.Load.GracefulStop.Ticks)));
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(interrupt.Token, cancellationToken);
        var thresholds = new ThresholdMonitor(plan);
        var progress = settings.ShowProgress
            ? new ProgressPrinter(error, ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected)
            : null;

        await using var transport = settings.CreateTransport?.Invoke(plan) ?? CreateTransport(plan, settings.Transport);
        var console = ConsoleFactory.ForStandardOutput(output);
        console.MarkupLineInterpolated($"[grey]pacer: {TerminalText.Clean(plan.Name)} → {TerminalText.Clean(plan.Target.ToString())} ({ResultBuilder.Model(plan)} model, {plan.Load.Duration.TotalSeconds:0.#} s, transport {transport.Name}); Ctrl-C stops and keeps the partial result[/]");

        var outcome = await LoadRunner.RunAsync(
            plan,
            transport,
            runOptions with
            {
                Progress = progress is null ? null : progress.OnTick,
                AbortCheck = settings.AbortCheck ?? thresholds.CheckAbort,
                StopNow = interrupt.StopNow,
            },
            linked.Token);

        // From here on load has been sent: whatever fails, the result is written before Pacer exits, and the failure exits 1.
        var failed = outcome.Fault is not null;
        try
        {
            progress?.Finish();
        }
        catch (IOException)
        {
            // Standard error is gone (a closed terminal): the progress line cannot be finished, which loses nothing measured.
        }

        var result = ResultBuilder.Build(plan, outcome, thresholds, transport.Name, transport.FirstErrorExamples);
        try
        {
            SummaryRenderer.Render(result, console);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The summary is a view of the result; failing to print it must not cost the result file, so it is said and the run exits 1.
            await error.WriteLineAsync($"pacer: could not print the summary ({e.GetType().Name}: {e.Message}); the result file has everything");
            failed = true;
        }

        try
        {
            await ResultFile.WriteAsync(result, settings.OutPath, CancellationToken.None);
            console.MarkupLineInterpolated($"[grey]result written to {settings.OutPath}[/]");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Not rethrown: the report files are still written (they hold the same figures), and the exit code says 1.
            await error.WriteLineAsync($"pacer: could not write the result file {settings.OutPath}: {e.Message}");
            failed = true;
        }

        failed |= !await ReportFiles.WriteAsync(result, settings.MarkdownPath, settings.JUnitPath, console, error, settings.HtmlPath);
        if (outcome.Fault is not null)
        {
            await error.WriteLineAsync($"pacer: the run was aborted: {outcome.Fault}; the partial result is kept, marked aborted");
        }

        // A lost output or an internal error outranks an interrupt and a verdict: something the user asked for is missing.
        if (failed)
        {
            return ExitCodes.RuntimeFailure;
        }

        if (outcome.Interrupted)
        {
            return ExitCodes.Interrupted;
        }

        if (settings.Strict && result.Generator is { Saturated: true })
        {
            await error.WriteLineAsync("pacer: --strict: the load generator was saturated, so the run does not count (see the warning above)");
            return ExitCodes.RuntimeFailure;
        }

        return result.Passed ? ExitCodes.Passed : ExitCodes.CriteriaFailed;
    }

    private static ITransport CreateTransport(LoadPlan plan, TransportChoice choice)
    {
        try
        {
            return PlanTransport.Create(plan, choice);
        }
        catch (NotSupportedException e)
        {
            throw new UsageException(e.Message);
        }
    }
}
