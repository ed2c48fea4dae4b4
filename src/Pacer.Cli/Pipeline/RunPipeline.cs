using Pacer.Core.Engine;
using Pacer.Core.Monitoring;
using Pacer.Core.Plans;
using Pacer.Core.Results;
using Pacer.Reports.Console;
using Spectre.Console;

namespace Pacer.Cli.Pipeline;

/// <summary>
/// plan → <see cref="PacerEngine"/> → result → file and summary → exit code. Shared by <c>run</c> and <c>demo</c>.
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

        var engineOptions = new EngineOptions { Transport = settings.Transport, Watchers = Watchers(plan) };
        var progress = settings.ShowProgress
            ? new ProgressPrinter(error, ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected)
            : null;
        using var interrupt = new UserInterrupt(error, TimeSpan.FromTicks(Math.Min(engineOptions.InterruptGrace.Ticks, plan.Load.GracefulStop.Ticks)), progress);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(interrupt.Token, cancellationToken);
        var console = ConsoleFactory.ForStandardOutput(output);
        var observer = new ConsoleRunObserver(console, progress);
        engineOptions = engineOptions with { Observers = [observer], StopNow = interrupt.StopNow };
        engineOptions = settings.ConfigureEngine?.Invoke(engineOptions) ?? engineOptions;

        EngineRun run;
        try
        {
            run = await PacerEngine.RunAsync(plan, engineOptions, linked.Token);
        }
        catch (NotSupportedException e)
        {
            // The transport cannot carry this plan (e.g. --transport lean with https://): refused before any load is sent.
            throw new UsageException(e.Message);
        }

        // From here on load has been sent: whatever fails, the result is written before Pacer exits, and the failure exits 1.
        var failed = run.Fault is not null;
        var result = run.Result;
        try
        {
            SummaryRenderer.Render(result, console, nameShown: observer.Started);
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

        TargetLines.Write(result, console);
        failed |= !await ReportFiles.WriteAsync(result, settings.MarkdownPath, settings.JUnitPath, console, error, settings.HtmlPath);
        if (run.Fault is not null)
        {
            await error.WriteLineAsync($"pacer: the run was aborted: {run.Fault}; the partial result is kept, marked aborted");
        }

        // A lost output or an internal error outranks an interrupt and a verdict: something the user asked for is missing.
        if (failed)
        {
            return ExitCodes.RuntimeFailure;
        }

        if (run.Interrupted)
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

    /// <summary>The watchers of the plan's <c>watch:</c> section (with the flags laid over it); a source that cannot be watched is a usage error, before any load.</summary>
    private static IReadOnlyList<ITargetWatcher> Watchers(LoadPlan plan)
    {
        if (plan.Watch is not { IsEmpty: false } spec)
        {
            return [];
        }

        try
        {
            return TargetWatcherFactory.Create(spec);
        }
        catch (TargetWatchException e)
        {
            throw new UsageException(e.Message);
        }
    }
}
