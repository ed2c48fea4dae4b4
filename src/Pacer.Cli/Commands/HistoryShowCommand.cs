using System.CommandLine;
using Pacer.Analysis.Inputs;
using Pacer.Cli.Pipeline;
using Pacer.Reports.Console;

namespace Pacer.Cli.Commands;

/// <summary><c>pacer history show RUN [--result FILE]</c>: one run's labels and values, and its whole stored file on request.</summary>
internal static class HistoryShowCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var run = new Argument<string>("run") { Description = "The run's id (pacer history list shows them)." };
        var result = new Option<string?>("--result") { Description = "Also write the run's stored file (a Pacer result with its histograms, or the other tool's output) here, as recorded." };
        var store = HistoryCli.StoreOption();
        var command = new Command("show", "Show one run: where it came from, its labels and its values.") { run, result, store };
        command.SetAction((parse, cancellationToken) => HistoryCli.GuardAsync(error, async () =>
        {
            var id = HistoryCli.RunId(parse.GetValue(run)!);
            var resultPath = parse.GetValue(result);
            OutputPaths.Check([("--result", resultPath)], []);
            await using var history = await HistoryCli.OpenAsync(parse.GetValue(store), cancellationToken);
            var (stored, values, damaged) = await history.GetRunAsync(id, cancellationToken);
            await HistoryCli.WarnAsync(error, damaged);
            if (stored is null)
            {
                throw new UsageException($"{history.Location.Display}: no run #{id}{(damaged.Count > 0 ? " that can be read" : "")} (pacer history list shows the runs)");
            }

            var lines = new List<string>
            {
                $"run #{id}  {stored.Run.Plan}",
                $"  recorded     {HistoryCli.Time(stored.Run.RecordedAt)}",
                $"  commit       {stored.Run.Commit ?? "-"}{(stored.Run.CommitTime is { } t ? "  (" + HistoryCli.Time(t) + ")" : "")}",
                $"  branch       {stored.Run.Branch ?? "-"}",
                $"  machine      {stored.Machine ?? "-"}",
                $"  plan digest  {stored.PlanDigest ?? "-"}",
                $"  file         {stored.Source} ({stored.Format})",
                $"  labels       {string.Join(", ", stored.Run.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"))}",
                "",
            };
            var rows = values.Select(v => new[] { v.Group, v.Metric, HistoryCli.Number(v.Value), v.Unit, v.Direction == MetricDirection.LowerIsBetter ? "lower is better" : "higher is better", v.Distribution is null ? "" : "histogram" })
                .Prepend(["group", "metric", "value", "unit", "", ""]).ToList();
            var widths = Enumerable.Range(0, 6).Select(c => rows.Max(r => r[c].Length)).ToArray();
            lines.AddRange(rows.Select(row => "  " + string.Join("  ", row.Select((cell, c) => c == 2 ? cell.PadLeft(widths[c]) : cell.PadRight(widths[c]))).TrimEnd()));
            foreach (var line in lines)
            {
                await output.WriteLineAsync(TerminalText.Clean(line));
            }

            if (resultPath is not null)
            {
                var content = await history.ReadContentAsync(id, cancellationToken);
                if (!await ReportFiles.WriteOneAsync(resultPath, () => content, "stored file", null, error))
                {
                    return ExitCodes.RuntimeFailure;
                }
            }

            return ExitCodes.Passed;
        }));
        return command;
    }
}
