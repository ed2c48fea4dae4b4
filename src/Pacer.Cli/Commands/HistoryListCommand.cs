using System.CommandLine;
using Pacer.History;
using Pacer.Reports.Console;

namespace Pacer.Cli.Commands;

/// <summary><c>pacer history list</c>: the runs kept, oldest first, filtered by plan, branch and date.</summary>
internal static class HistoryListCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var (plan, branch, since, last) = Filters();
        var store = HistoryCli.StoreOption();
        var command = new Command("list", "List the runs kept, oldest first (history order: commit time, then when recorded).") { plan, branch, since, last, store };
        command.SetAction((parse, cancellationToken) => HistoryCli.GuardAsync(error, async () =>
        {
            var filter = Filter(parse, plan, branch, since, last);
            await using var history = await HistoryCli.OpenAsync(parse.GetValue(store), cancellationToken);
            var runs = await history.ListRunsAsync(filter, cancellationToken);
            await HistoryCli.WarnAsync(error, runs.Damaged);
            if (runs.Items.Count == 0)
            {
                await output.WriteLineAsync($"no runs in {TerminalText.Clean(history.Location.Display)}{(filter == RunFilter.All ? "" : " match")}");
                return ExitCodes.Passed;
            }

            var rows = runs.Items.Select(r => new[]
            {
                "#" + r.Run.Id, HistoryCli.Time(r.Run.RecordedAt), r.Run.Plan, r.Run.Branch ?? "-", HistoryCli.Short(r.Run.Commit),
                r.Run.CommitTime is { } t ? HistoryCli.Time(t) : "-", r.Format, r.Values.ToString(System.Globalization.CultureInfo.InvariantCulture), r.Machine ?? "-",
            }).Prepend(["run", "recorded", "plan", "branch", "commit", "commit time", "format", "values", "machine"]).ToList();
            var widths = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
            foreach (var row in rows)
            {
                await output.WriteLineAsync(TerminalText.Clean(string.Join("  ", row.Select((cell, c) => cell.PadRight(widths[c]))).TrimEnd()));
            }

            return ExitCodes.Passed;
        }));
        return command;
    }

    /// <summary>The filter options list and export share.</summary>
    public static (Option<string?> Plan, Option<string?> Branch, Option<string?> Since, Option<int?> Last) Filters() =>
    (
        new Option<string?>("--plan") { Description = "Only this plan's runs." },
        new Option<string?>("--branch") { Description = "Only this branch's runs." },
        new Option<string?>("--since") { Description = "Only runs recorded since: a date (2026-12-01) or an age (30d, 12h)." },
        new Option<int?>("--last") { Description = "Only the newest N of those." }
    );

    public static RunFilter Filter(ParseResult parse, Option<string?> plan, Option<string?> branch, Option<string?> since, Option<int?> last)
    {
        if (parse.GetValue(last) is < 1)
        {
            throw new UsageException($"--last {parse.GetValue(last)}: give a count of at least 1");
        }

        var filter = new RunFilter { Plan = parse.GetValue(plan), Branch = parse.GetValue(branch), Since = HistoryCli.Date(parse.GetValue(since), "--since"), Last = parse.GetValue(last) };
        return filter == new RunFilter() ? RunFilter.All : filter;
    }
}
