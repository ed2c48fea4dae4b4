using System.Globalization;
using Pacer.Analysis.Capacity;
using Pacer.Analysis.Findings;
using Pacer.Core.Monitoring;
using Pacer.Core.Plans;
using Pacer.Reports.Capacity;
using Pacer.Reports.Console;
using Pacer.Reports.Formatting;
using Spectre.Console;

namespace Pacer.Cli.Pipeline;

/// <summary>
/// plan → capacity search (one engine run a step) → report → console, JSON and HTML → exit code. The service given by
/// <c>--watch-cmd</c> is started once before the first step and stopped after the last, whatever happens in between; an
/// interrupt keeps the steps already measured and reports them.
/// </summary>
internal static class CapacityPipeline
{
    public static async Task<int> ExecuteAsync(LoadPlan plan, CapacitySettings settings, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var serviceCommand = settings.Service ?? ServiceCommand.From(plan.Watch, null, null);
        var serviceLog = serviceCommand is null ? null : ServiceCommand.LogPathFor(settings.OutPath);
        var serviceOptions = serviceCommand?.ToStartOptions(serviceLog!);
        OutputPaths.Check([("--out", settings.OutPath), ("--html", settings.HtmlPath), ("the service log", serviceLog)], settings.Inputs);

        var console = ConsoleFactory.ForStandardOutput(output);
        using var interrupt = new UserInterrupt(error, TimeSpan.FromTicks(Math.Min(TimeSpan.FromSeconds(2).Ticks, plan.Load.GracefulStop.Ticks)));
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(interrupt.Token, cancellationToken);
        StartedService? service = null;
        if (serviceOptions is not null)
        {
            try
            {
                service = await ServiceProcess.StartAsync(serviceOptions, cancellationToken: linked.Token);
            }
            catch (ServiceStartException e)
            {
                await error.WriteLineAsync("pacer: the service did not start: " + TerminalText.Clean(e.Message));
                return ExitCodes.RuntimeFailure;
            }
            catch (OperationCanceledException) when (linked.IsCancellationRequested)
            {
                await error.WriteLineAsync("pacer: interrupted while the service was starting; it was stopped, and no load was sent");
                return ExitCodes.Interrupted;
            }

            console.MarkupLineInterpolated($"[grey]service ready after {service.ReadyAfter.TotalSeconds.ToString("0.##", CultureInfo.InvariantCulture)} s ({service.ReadyBy}), pid {service.Pid}; output: {service.LogPath}[/]");
            interrupt.LastWords = service.Kill;
        }

        try
        {
            return await SearchAsync(plan, settings, service, interrupt, console, error, linked.Token);
        }
        finally
        {
            if (service is not null)
            {
                await service.DisposeAsync();
            }
        }
    }

    private static async Task<int> SearchAsync(LoadPlan plan, CapacitySettings settings, StartedService? service, UserInterrupt interrupt, IAnsiConsole console, TextWriter error, CancellationToken cancellationToken)
    {
        var runner = new EngineStepRunner(plan, settings, service, interrupt.StopNow);
        var closed = !runner.Open;
        if (ConstantLevel.Shares(plan) is { Count: > 1 } shares)
        {
            // Scenarios with loads of their own: say how each step's level is divided, so the total is seen to be the level.
            var split = string.Join(", ", shares.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Key} {s.Value:0.#%}")));
            console.MarkupLineInterpolated($"[grey]each step's level is split over the plan's loads by their peak targets: {split}[/]");
        }

        var progress = new StepProgress(settings.ShowProgress ? error : null, closed);
        var search = await CapacitySearch.RunAsync(runner, settings.Search with { WholeLevels = closed }, progress, cancellationToken);

        var report = CapacityReport.Analyze(search, closed, settings.TargetRate, settings.Headroom);
        if (search.FirstBroken is { } broken && runner.ResultOf(broken.Index) is { } result)
        {
            // The findings of the step that broke first say what limited the service there (CPU, a lock, errors, the generator).
            report = report with { Findings = [.. RunFindings.Analyze(result).Findings.Select(FindingText.Sentence)] };
        }

        var hpa = report.Replicas?.HpaManifest(settings.Deployment);
        CapacityConsoleRenderer.Render(report, console);
        if (hpa is not null)
        {
            console.WriteLine();
            console.Write(new Text(hpa));
        }

        var created = DateTimeOffset.UtcNow;
        var written = await ReportFiles.WriteOneAsync(settings.OutPath, () => CapacityJson.Render(report, plan.Name, created, hpa), "capacity report", console, error);
        written &= await ReportFiles.WriteOneAsync(settings.HtmlPath, () => CapacityHtmlWriter.Write(report, plan.Name, hpa), "HTML page", console, error);
        if (!written)
        {
            return ExitCodes.RuntimeFailure;
        }

        switch (search.Outcome)
        {
            case CapacityOutcome.Interrupted:
                return ExitCodes.Interrupted;
            case CapacityOutcome.NoneHeld:
                await error.WriteLineAsync("pacer: no load met the targets, not even the lowest tried (--min)");
                return ExitCodes.CriteriaFailed;
            case CapacityOutcome.GeneratorLimited:
                await error.WriteLineAsync("pacer: the load generator was saturated in the step that missed, so the ceiling measured is Pacer's, not the service's; run Pacer on a machine of its own or with more cores");
                return ExitCodes.RuntimeFailure;
            default:
                return ExitCodes.Passed;
        }
    }

    /// <summary>One line per step on standard error as it ends, so a long search shows where it is.</summary>
    private sealed class StepProgress(TextWriter? error, bool closed) : IProgress<CapacityStep>
    {
        public void Report(CapacityStep value)
        {
            if (error is null)
            {
                return;
            }

            var verdict = value.Held ? "held" : "missed: " + string.Join("; ", value.Breaches);
            var settled = value.Steady ? ", steady" : value.StoppedEarly ? ", stopped early" : "";
            error.WriteLine(TerminalText.Clean(string.Create(
                CultureInfo.InvariantCulture,
                $"step {value.Index} ({value.Phase.ToString().ToLowerInvariant()}): {CapacityText.Level(value.Level, closed)} · achieved {value.Achieved:0.#}/s · p95 {value.P95:0.##} ms · {value.Seconds:0.#} s{settled} · {verdict}")));
        }
    }
}
