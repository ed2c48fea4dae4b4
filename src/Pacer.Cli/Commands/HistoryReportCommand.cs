using System.CommandLine;
using Pacer.Analysis.History;
using Pacer.Cli.Pipeline;
using Pacer.History;
using Pacer.Reports.Console;
using Pacer.Reports.Html;

namespace Pacer.Cli.Commands;

/// <summary>
/// <c>pacer history report --html FILE</c>: the trend page — every series of the history over its runs, with the change points
/// <see cref="HistoryCheck"/> finds (the expected marks applied) drawn on it; self-contained, so it opens offline and can be
/// kept as a CI artifact. It judges nothing: <c>history check</c> is the gate.
/// </summary>
internal static class HistoryReportCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var html = new Option<string>("--html") { Description = "Write the trend page to this file.", Required = true };
        var plan = new Option<string?>("--plan") { Description = "Only this plan's series." };
        var branch = new Option<string?>("--branch") { Description = "Only this branch's runs (e.g. main)." };
        var since = new Option<string?>("--since") { Description = "Mark only change points from this date or age on (2026-12-01, 30d); older runs are still drawn." };
        var test = new Option<SignificanceTest>("--test") { Description = "The significance test of a split: Permutation (default) or TTest.", DefaultValueFactory = _ => SignificanceTest.Permutation };
        var title = new Option<string?>("--title") { Description = "The page's title (default: the plan's name, or \"history\")." };
        var window = HistoryCli.WindowOption();
        var store = HistoryCli.StoreOption();
        var command = new Command("report", "Write the trend page: each series over the runs, change points marked, a run's figures on click.")
        {
            html, plan, branch, since, test, window, title, store,
        };
        command.SetAction((parse, cancellationToken) => HistoryCli.GuardAsync(error, async () =>
        {
            var path = parse.GetValue(html)!;
            OutputPaths.Check([("--html", path)], []);
            var sinceDate = HistoryCli.Date(parse.GetValue(since), "--since");
            var filter = new RunFilter { Plan = parse.GetValue(plan), Branch = parse.GetValue(branch) };
            var options = new HistoryCheckOptions { Since = sinceDate, Test = parse.GetValue(test), Window = HistoryCli.Window(parse.GetValue(window)) };
            var (series, report, _) = await HistoryCli.CheckAsync(parse.GetValue(store), filter, options, "report", false, error, cancellationToken);
            if (series.Count == 0)
            {
                throw new UsageException("the history has no runs to draw" + (parse.GetValue(plan) is { } p ? $" for plan '{p}'" : "") + "; record some with pacer run … --history or pacer history add FILES");
            }

            var name = parse.GetValue(title) ?? parse.GetValue(plan) ?? "history";
            var written = await ReportFiles.WriteOneAsync(path, () => TrendHtmlWriter.Write(series, report, new TrendPageOptions(name)), "trend page", null, error);
            if (written)
            {
                await output.WriteLineAsync($"{series.Count} series, {report.ChangePoints.Count} change point{(report.ChangePoints.Count == 1 ? "" : "s")}; trend page written to {TerminalText.Clean(path)}");
            }

            return written ? ExitCodes.Passed : ExitCodes.RuntimeFailure;
        }));
        return command;
    }
}
