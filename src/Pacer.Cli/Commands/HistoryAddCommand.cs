using System.CommandLine;
using Pacer.Analysis.Inputs;
using Pacer.History;
using Pacer.Reports.Console;

namespace Pacer.Cli.Commands;

/// <summary><c>pacer history add FILES…</c>: records Pacer results and every file <c>pacer compare</c> reads.</summary>
internal static class HistoryAddCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var files = new Argument<string[]>("files") { Description = "Pacer results, go test -bench output, BenchmarkDotNet full JSON, hyperfine or k6 files.", Arity = ArgumentArity.OneOrMore };
        var plan = new Option<string?>("--plan") { Description = "The series' plan name: required for another tool's file (the same name every time), and overrides a result's own." };
        var format = new Option<InputFormat?>("--format") { Description = "Read every file as this format instead of detecting it." };
        var labels = HistoryCli.LabelOption();
        var store = HistoryCli.StoreOption();
        var command = new Command("add", "Record result files in the history (labels from CI, git and --label).") { files, plan, format, labels, store };
        command.SetAction((parse, cancellationToken) => HistoryCli.GuardAsync(error, async () =>
        {
            var runLabels = HistoryCli.Labels(parse.GetValue(labels) ?? []);
            await using var history = await HistoryCli.OpenAsync(parse.GetValue(store), cancellationToken);
            var failed = 0;
            foreach (var path in parse.GetValue(files) ?? [])
            {
                NewRun run;
                try
                {
                    run = RunImporter.FromFile(path, parse.GetValue(format), parse.GetValue(plan), runLabels, DateTimeOffset.UtcNow);
                }
                catch (InputFormatException e)
                {
                    // The other files are still recorded: one unreadable file must not cost the rest; the exit code says 2.
                    await error.WriteLineAsync($"pacer: {TerminalText.Clean(e.Message)}");
                    failed++;
                    continue;
                }

                var id = await history.AddRunAsync(run, cancellationToken);
                await output.WriteLineAsync($"recorded run #{id}: {TerminalText.Clean(run.Plan)}, {run.Values.Count} values, {TerminalText.Clean(HistoryCli.Short(run.Labels.GetValueOrDefault(RunLabels.Commit)))} on {TerminalText.Clean(run.Labels.GetValueOrDefault(RunLabels.Branch) ?? "-")} ({TerminalText.Clean(path)}) → {TerminalText.Clean(history.Location.Display)}");
            }

            return failed > 0 ? ExitCodes.InvalidInput : ExitCodes.Passed;
        }));
        return command;
    }
}
