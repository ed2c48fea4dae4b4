using System.CommandLine;
using System.Globalization;
using Pacer.Analysis.History;
using Pacer.Cli.Parsing;
using Pacer.History;
using Pacer.Reports.Console;

namespace Pacer.Cli.Commands;

/// <summary>
/// <c>pacer history check</c>: change points in every series of the history (<see cref="HistoryCheck"/>), the expected marks
/// applied; exits 99 when a series' newest change point is a regression beyond the threshold — a CI gate against the history,
/// not against one baseline.
/// </summary>
internal static class HistoryCheckCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var plan = new Option<string?>("--plan") { Description = "Only this plan's series." };
        var branch = new Option<string?>("--branch") { Description = "Only this branch's runs (e.g. main): a series of one line of development." };
        var since = new Option<string?>("--since") { Description = "Report and judge only change points from this date or age on (2026-12-01, 30d); older runs still serve as history." };
        var threshold = new Option<string>("--threshold", "-t") { Description = "The size from which the newest regression fails the check, e.g. 10%.", DefaultValueFactory = _ => "10%" };
        var test = new Option<SignificanceTest>("--test") { Description = "The significance test of a split: Permutation (default) or TTest (Otava's; faster, numbers only).", DefaultValueFactory = _ => SignificanceTest.Permutation };
        var window = HistoryCli.WindowOption();
        var full = new Option<bool>("--full") { Description = "Search every window again instead of reusing what earlier checks kept in the store (the result is the same; this checks that, or rebuilds the cache)." };
        var store = HistoryCli.StoreOption();
        var command = new Command("check", "Find change points in the history's series; exit 99 when the newest one of a series is a regression beyond the threshold.")
        {
            plan, branch, since, threshold, test, window, full, store,
        };
        command.SetAction((parse, cancellationToken) => HistoryCli.GuardAsync(error, async () =>
        {
            var share = ShareOption.Parse(parse.GetValue(threshold)!, "--threshold", zeroAllowed: true, max: 100, maxAllowed: false);
            var sinceDate = HistoryCli.Date(parse.GetValue(since), "--since");
            var filter = new RunFilter { Plan = parse.GetValue(plan), Branch = parse.GetValue(branch) };
            var options = new HistoryCheckOptions { Threshold = share, Since = sinceDate, Test = parse.GetValue(test), Window = HistoryCli.Window(parse.GetValue(window)) };
            var (_, report, cache) = await HistoryCli.CheckAsync(parse.GetValue(store), filter, options, "check", parse.GetValue(full), error, cancellationToken);
            foreach (var line in Lines(report))
            {
                await output.WriteLineAsync(TerminalText.Clean(line));
            }

            await output.WriteLineAsync($"{cache.Computed} searches computed, {cache.Reused} reused from earlier checks (--full recomputes all)");

            return report.Failed ? ExitCodes.CriteriaFailed : ExitCodes.Passed;
        }));
        return command;
    }

    /// <summary>The report as text: each change point (where, how much with its interval, how sure, what moved with it), then the verdict.</summary>
    public static IEnumerable<string> Lines(HistoryCheckReport report)
    {
        var runs = report.Series.Max(s => (int?)s.Points) ?? 0;
        yield return $"{report.Series.Count} series over {runs} runs; {report.ChangePoints.Count} change point{(report.ChangePoints.Count == 1 ? "" : "s")}";
        foreach (var change in report.ChangePoints)
        {
            var relative = change.Relative is { } r
                ? $"{Percent(r.Estimate - 1)} [{Percent(r.Lower - 1)}, {Percent(r.Upper - 1)}]"
                : $"{Number(change.Shift.Estimate)} {change.Unit} [{Number(change.Shift.Lower)}, {Number(change.Shift.Upper)}]";
            var what = change.Kind == ChangeKind.Shape ? $"{change.Key.Plan} · {change.Key.Group} · distribution ({change.Measure} moved most)" : change.Key.ToString();
            var mark = failing(change) ? "REGRESSION" : change.Expected ? "expected" : change.Direction == ChangeDirection.Regression ? "regression" : "improvement";
            yield return $"  run #{change.Run.Id} {HistoryCli.Short(change.Run.Commit)}  {what}: {Number(change.Before)} → {Number(change.After)} {change.Unit}, {relative}, p={Number(change.PValue)} q={Number(change.QValue)}  {mark}";
            if (change.MovedWith.Count > 0)
            {
                yield return $"      moved with: {string.Join(", ", change.MovedWith.Select(k => $"{k.Group} · {k.Metric}"))}";
            }
        }

        yield return report.Failed
            ? $"REGRESSED: {report.Failing.Count} series' newest change point is a regression of at least {(report.Options.Threshold * 100).ToString("0.#", CultureInfo.InvariantCulture)}% (pacer history expect PLAN:GROUP:METRIC RUN marks a deliberate one)"
            : "NO REGRESSION at the newest change points";

        bool failing(ChangePoint change) => report.Failing.Contains(change);
    }

    private static string Percent(double fraction) => (fraction >= 0 ? "+" : "") + (fraction * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    private static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
