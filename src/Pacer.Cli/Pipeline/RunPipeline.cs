using System.Globalization;
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
        // The plan's own watch.command when the caller gave none (pacer run passes the flags laid over it).
        var serviceCommand = settings.Service ?? ServiceCommand.From(plan.Watch, null, null);
        var serviceLog = serviceCommand is null ? null : ServiceCommand.LogPathFor(settings.OutPath);
        var serviceOptions = serviceCommand?.ToStartOptions(serviceLog!);
        OutputPaths.Check(
            [("--out", settings.OutPath), ("--html", settings.HtmlPath), ("--md", settings.MarkdownPath), ("--junit", settings.JUnitPath), ("the service log", serviceLog)],
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

        StartedService? service = null;
        if (serviceOptions is not null)
        {
            try
            {
                service = await ServiceProcess.StartAsync(serviceOptions, cancellationToken: linked.Token);
            }
            catch (ServiceStartException e)
            {
                await WriteLinesAsync(error, "pacer: the service did not start: " + e.Message);
                return ExitCodes.RuntimeFailure;
            }
            catch (OperationCanceledException) when (linked.IsCancellationRequested)
            {
                await error.WriteLineAsync("pacer: interrupted while the service was starting; it was stopped, and no load was sent");
                return ExitCodes.Interrupted;
            }

            console.MarkupLineInterpolated($"[grey]service ready after {service.ReadyAfter.TotalSeconds.ToString("0.##", CultureInfo.InvariantCulture)} s ({service.ReadyBy}), pid {service.Pid}[/]");
            console.MarkupLineInterpolated($"[grey]service output: {service.LogPath}[/]");
            engineOptions = engineOptions with { Watchers = [.. engineOptions.Watchers, new ServiceWatcher(service, new ProcessWatcher(service.Pid, service.Source.Kind, service.Source.Address))] };
            try
            {
                if (DotnetWatching.AfterStart(plan.Watch, service.Pid) is { } dotnet)
                {
                    engineOptions = engineOptions with { Watchers = [.. engineOptions.Watchers, dotnet] };
                }
            }
            catch (UsageException)
            {
                // No load was sent; the service Pacer started must not outlive the refusal.
                await service.DisposeAsync();
                throw;
            }

            interrupt.LastWords = service.Kill;
        }

        try
        {
            return await RunStartedAsync(plan, settings, engineOptions, service, observer, console, error, linked.Token);
        }
        finally
        {
            // Every path stops the service Pacer started: a normal end, failed thresholds, Ctrl-C, an exception. After a normal
            // end it has been stopped already (its stop is in the result), and this returns the same stop.
            if (service is not null)
            {
                await service.DisposeAsync();
            }
        }
    }

    private static async Task<int> RunStartedAsync(LoadPlan plan, RunSettings settings, EngineOptions engineOptions, StartedService? service, ConsoleRunObserver observer, IAnsiConsole console, TextWriter error, CancellationToken cancellationToken)
    {
        engineOptions = settings.ConfigureEngine?.Invoke(engineOptions) ?? engineOptions;

        EngineRun run;
        try
        {
            run = await PacerEngine.RunAsync(plan, engineOptions, cancellationToken);
        }
        catch (NotSupportedException e)
        {
            // The transport cannot carry this plan (e.g. --transport lean with https://): refused before any load is sent.
            throw new UsageException(e.Message);
        }

        // From here on load has been sent: whatever fails, the result is written before Pacer exits, and the failure exits 1.
        var failed = run.Fault is not null;
        var result = service is null ? run.Result : await StopServiceAsync(service, run.Result, console);
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
        if (settings.History is { } history)
        {
            await history.RecordAsync(run, result, settings.OutPath, console, error, cancellationToken);
        }

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

    /// <summary>
    /// Stops the started service before the summary and the result file, so both say how it ended: its <c>command</c> source
    /// gets the log's path, and a stop that was not clean (it ignored SIGTERM, or had already ended) is one of its errors.
    /// </summary>
    private static async Task<RunResult> StopServiceAsync(StartedService service, RunResult result, IAnsiConsole console)
    {
        var stop = await service.StopAsync();
        if (stop.Clean)
        {
            console.MarkupLineInterpolated($"[grey]service {stop}[/]");
        }
        else
        {
            console.MarkupLineInterpolated($"[yellow]service: {stop}[/]");
        }

        var sources = result.Target?.Sources ?? [];
        var mine = sources.FirstOrDefault(s => s.Kind == service.Source.Kind && s.Address == service.Source.Address)
            ?? new TargetSourceResult(service.Source.Kind, service.Source.Address, 0, []);
        var updated = mine with { Log = service.LogPath, Errors = stop.Clean ? mine.Errors : [.. mine.Errors, stop.ToString()] };
        var target = new TargetResult(
            sources.Contains(mine) ? [.. sources.Select(s => ReferenceEquals(s, mine) ? updated : s)] : [.. sources, updated],
            result.Target?.Metrics ?? []);
        return result with { Target = target };
    }

    /// <summary>A message of several lines (a service's last log lines), each cleaned of terminal controls on its own.</summary>
    private static async Task WriteLinesAsync(TextWriter error, string message)
    {
        foreach (var line in message.Split('\n'))
        {
            await error.WriteLineAsync(TerminalText.Clean(line));
        }
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
            // The .NET check first: it only refuses (a watcher opens its session when the run starts), so nothing made is left behind.
            var dotnet = DotnetWatching.BeforeStart(spec);
            var watchers = TargetWatcherFactory.Create(spec);
            return dotnet is null ? watchers : [.. watchers, dotnet];
        }
        catch (TargetWatchException e)
        {
            throw new UsageException(e.Message);
        }
    }
}
