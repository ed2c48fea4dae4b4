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
        using var interrupt = new UserInterrupt();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(interrupt.Token, cancellationToken);
        var thresholds = new ThresholdMonitor(plan);
        var progress = settings.ShowProgress
            ? new ProgressPrinter(error, ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected)
            : null;

        await using var transport = CreateTransport(plan, settings.Transport);
        var console = ConsoleFactory.ForStandardOutput(output);
        console.MarkupLineInterpolated($"[grey]pacer: {TerminalText.Clean(plan.Name)} → {TerminalText.Clean(plan.Target.ToString())} ({ResultBuilder.Model(plan)} model, {plan.Load.Duration.TotalSeconds:0.#} s, transport {transport.Name}); Ctrl-C stops and keeps the partial result[/]");

        var outcome = await LoadRunner.RunAsync(
            plan,
            transport,
            new RunOptions { Progress = progress is null ? null : progress.OnTick, AbortCheck = thresholds.CheckAbort },
            linked.Token);
        progress?.Finish();

        var result = ResultBuilder.Build(plan, outcome, thresholds, transport.Name, transport.FirstErrorExamples);
        SummaryRenderer.Render(result, console);
        try
        {
            await ResultFile.WriteAsync(result, settings.OutPath, CancellationToken.None);
            console.MarkupLineInterpolated($"[grey]result written to {settings.OutPath}[/]");
            await ReportFiles.WriteAsync(result, settings.MarkdownPath, settings.JUnitPath, console, settings.HtmlPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"pacer: could not write the result file {settings.OutPath}: {e.Message}");
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
            return TransportFactory.Create(plan, choice);
        }
        catch (NotSupportedException e)
        {
            throw new UsageException(e.Message);
        }
    }
}
