using System.CommandLine;
using Pacer.History;
using Pacer.Reports.Console;

namespace Pacer.Cli.Commands;

/// <summary>
/// <c>pacer history prune (--keep N | --before DATE) [--yes]</c>: removes old runs. A dry run by default, listing what would go:
/// a store is often shared by a team and its CI, and a removed run cannot be recorded again from nothing.
/// </summary>
internal static class HistoryPruneCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var keep = new Option<int?>("--keep") { Description = "Keep the newest N runs of each plan; the older ones go." };
        var before = new Option<string?>("--before") { Description = "Runs recorded before this go: a date (2026-06-01) or an age (90d). With --keep, a run goes only when both select it." };
        var yes = new Option<bool>("--yes") { Description = "Remove them; without it, prune only lists what would go." };
        var store = HistoryCli.StoreOption();
        var command = new Command("prune", "Remove old runs (a dry run unless --yes).") { keep, before, yes, store };
        command.SetAction((parse, cancellationToken) => HistoryCli.GuardAsync(error, async () =>
        {
            var keepCount = parse.GetValue(keep);
            var beforeDate = HistoryCli.Date(parse.GetValue(before), "--before");
            if (keepCount is null && beforeDate is null)
            {
                throw new UsageException("prune needs --keep N (the newest N runs of each plan stay) or --before DATE (older runs go), or both");
            }

            if (keepCount is < 0)
            {
                throw new UsageException($"--keep {keepCount}: give a count of 0 or more");
            }

            await using var history = await HistoryCli.OpenAsync(parse.GetValue(store), cancellationToken);
            var prunable = await history.FindPrunableAsync(new PruneRule(keepCount, beforeDate), cancellationToken);
            foreach (var run in prunable)
            {
                await output.WriteLineAsync(TerminalText.Clean($"  #{run.Run.Id}  {HistoryCli.Time(run.Run.RecordedAt)}  {run.Run.Plan}  {run.Run.Branch ?? "-"}  {HistoryCli.Short(run.Run.Commit)}"));
            }

            if (prunable.Count == 0)
            {
                await output.WriteLineAsync("nothing to prune");
            }
            else if (!parse.GetValue(yes))
            {
                await output.WriteLineAsync($"dry run: {prunable.Count} run{(prunable.Count == 1 ? "" : "s")} would be removed; add --yes to remove {(prunable.Count == 1 ? "it" : "them")}");
            }
            else
            {
                var removed = await history.DeleteRunsAsync([.. prunable.Select(r => r.Run.Id)], cancellationToken);
                await output.WriteLineAsync($"removed {removed} run{(removed == 1 ? "" : "s")} from {TerminalText.Clean(history.Location.Display)}");
            }

            return ExitCodes.Passed;
        }));
        return command;
    }
}
