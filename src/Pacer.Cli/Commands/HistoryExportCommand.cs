using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using CsvHelper;
using Pacer.Analysis.Inputs;
using Pacer.Cli.Pipeline;
using Pacer.History;

namespace Pacer.Cli.Commands;

/// <summary><c>pacer history export --csv|--json [--out FILE]</c>: every series point with its run's labels, for a spreadsheet or another tool.</summary>
internal static class HistoryExportCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var csv = new Option<bool>("--csv") { Description = "CSV: one row per run and quantity." };
        var json = new Option<bool>("--json") { Description = "JSON (pacer.history-export/v1): the runs, each with its labels and values." };
        var outPath = new Option<string?>("--out", "-o") { Description = "Write here instead of standard output." };
        var (plan, branch, since, last) = HistoryListCommand.Filters();
        var store = HistoryCli.StoreOption();
        var command = new Command("export", "Export the history's values as CSV or JSON.") { csv, json, outPath, plan, branch, since, last, store };
        command.SetAction((parse, cancellationToken) => HistoryCli.GuardAsync(error, async () =>
        {
            if (parse.GetValue(csv) == parse.GetValue(json))
            {
                throw new UsageException("export needs one of --csv or --json");
            }

            var path = parse.GetValue(outPath);
            OutputPaths.Check([("--out", path)], []);
            var filter = HistoryListCommand.Filter(parse, plan, branch, since, last);
            await using var history = await HistoryCli.OpenAsync(parse.GetValue(store), cancellationToken);
            var runs = await history.ListRunsAsync(filter, cancellationToken);
            var damaged = new List<DamagedRow>(runs.Damaged);
            var rows = new List<(StoredRun Run, IReadOnlyList<SeriesValue> Values)>();
            foreach (var run in runs.Items)
            {
                var (_, values, bad) = await history.GetRunAsync(run.Run.Id, cancellationToken);
                damaged.AddRange(bad);
                rows.Add((run, values));
            }

            await HistoryCli.WarnAsync(error, damaged);
            var text = parse.GetValue(csv) ? Csv(rows) : Json(rows);
            if (path is null)
            {
                await output.WriteAsync(text);
                return ExitCodes.Passed;
            }

            return await ReportFiles.WriteOneAsync(path, () => text, "history export", null, error) ? ExitCodes.Passed : ExitCodes.RuntimeFailure;
        }));
        return command;
    }

    private static string Csv(List<(StoredRun Run, IReadOnlyList<SeriesValue> Values)> rows)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var writer = CsvWriter.Create(text, CsvWriterOptions.Default, leaveOpen: true))
        {
            writer.WriteRecord(["run", "recorded_at", "plan", "branch", "commit", "commit_time", "machine", "group", "metric", "unit", "direction", "value"]);
            foreach (var (run, values) in rows)
            {
                foreach (var value in values)
                {
                    writer.WriteRecord(
                    [
                        run.Run.Id.ToString(CultureInfo.InvariantCulture), Iso(run.Run.RecordedAt), run.Run.Plan, run.Run.Branch ?? "", run.Run.Commit ?? "",
                        run.Run.CommitTime is { } t ? Iso(t) : "", run.Machine ?? "", value.Group, value.Metric, value.Unit, Direction(value.Direction),
                        value.Value.ToString("R", CultureInfo.InvariantCulture),
                    ]);
                }
            }
        }

        return text.ToString();
    }

    /// <summary>The <c>--json</c> document of <paramref name="rows"/>, each run with its values.</summary>
    internal static string Json(IReadOnlyList<(StoredRun Run, IReadOnlyList<SeriesValue> Values)> rows) =>
        JsonSerializer.Serialize(
            new HistoryExportDocument(
                "pacer.history-export/v1",
                [
                    .. rows.Select(r => new HistoryExportRun(
                        r.Run.Run.Id,
                        r.Run.Run.RecordedAt,
                        r.Run.Run.Plan,
                        r.Run.Run.Branch,
                        r.Run.Run.Commit,
                        r.Run.Run.CommitTime,
                        r.Run.Machine,
                        r.Run.PlanDigest,
                        r.Run.Format,
                        r.Run.Run.Labels,
                        [.. r.Values.Select(v => new HistoryExportValue(v.Group, v.Metric, v.Unit, Direction(v.Direction), v.Value))])),
                ]),
            HistoryExportJsonContext.Default.HistoryExportDocument) + "\n";

    private static string Iso(DateTimeOffset time) => time.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    private static string Direction(MetricDirection direction) => direction == MetricDirection.LowerIsBetter ? "lower" : "higher";
}
