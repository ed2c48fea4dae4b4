using System.CommandLine;
using Pacer.Analysis.Compare;
using Pacer.Analysis.Inputs;
using Pacer.Cli.Pipeline;
using Pacer.Core.Results;
using Pacer.Reports.Compare;
using Pacer.Reports.Console;

namespace Pacer.Cli.Commands;

/// <summary>
/// <c>pacer report RESULT.json [--html F] [--md F] [--junit F]</c>: the summary of a saved run, and its CI files; with two results
/// (<c>BASE.json CURRENT.json</c>), their comparison instead, exiting as <c>pacer compare</c> does.
/// </summary>
internal static class ReportCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var resultPaths = new Argument<string[]>("results")
        {
            Description = "A result file written by pacer run (pacer.run/v1), or two: BASELINE then CURRENT, to compare them.",
            Arity = ArgumentArity.OneOrMore,
        };
        var html = new Option<string?>("--html") { Description = "Write a self-contained HTML report (charts, tables; works offline) to this file." };
        var markdown = new Option<string?>("--md") { Description = "Write a Markdown summary (CI step summary, PR comment) to this file." };
        var junit = new Option<string?>("--junit") { Description = "Write JUnit XML (each threshold, or with two results each comparison, a test case) to this file." };
        var command = new Command("report", "Show a saved run's summary, or compare two saved runs, and write the HTML, Markdown or JUnit report.")
        {
            resultPaths, html, markdown, junit,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var paths = parse.GetValue(resultPaths) ?? [];
            if (paths.Length > 2)
            {
                throw new UsageException(
                    $"report takes one result file, or two to compare (BASELINE CURRENT), not {paths.Length}: {string.Join(' ', paths)}"
                    + " (to compare several runs a side, use pacer compare)");
            }

            // Every file is looked for before any is parsed, so a typo in the second name is reported as such, not after the first file's problems.
            if (paths.FirstOrDefault(p => !File.Exists(p)) is { } missing)
            {
                throw new UsageException($"{missing}: no such result file");
            }

            OutputPaths.Check([("--html", parse.GetValue(html)), ("--md", parse.GetValue(markdown)), ("--junit", parse.GetValue(junit))], paths);
            var console = ConsoleFactory.ForStandardOutput(output);
            if (paths.Length == 1)
            {
                var result = await ReadAsync(paths[0], cancellationToken);
                SummaryRenderer.Render(result, console);
                var written = await ReportFiles.WriteAsync(result, parse.GetValue(markdown), parse.GetValue(junit), console, error, parse.GetValue(html));

                // The saved verdict decides, as it did for the run and as pacer check does: a CI step that reports a failed run
                // must not turn it green. A lost output still outranks it (exit 1).
                return !written ? ExitCodes.RuntimeFailure : result.Passed ? ExitCodes.Passed : ExitCodes.CriteriaFailed;
            }

            var baseline = await ReadAsync(paths[0], cancellationToken);
            var current = await ReadAsync(paths[1], cancellationToken);
            var report = Compare(paths[0], baseline, paths[1], current);
            CompareConsoleRenderer.Render(report, console);
            var all = await ReportFiles.WriteComparisonAsync(baseline, current, report, parse.GetValue(markdown), parse.GetValue(junit), console, error, parse.GetValue(html));
            return !all ? ExitCodes.RuntimeFailure : report.Regressed ? ExitCodes.CriteriaFailed : ExitCodes.Passed;
        });
        return command;
    }

    private static async Task<RunResult> ReadAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return await ResultFile.ReadAsync(path, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{path}: cannot be read ({e.Message})");
        }
    }

    /// <summary>The comparison <c>pacer compare BASELINE --current CURRENT</c> would make, with its default thresholds.</summary>
    private static ComparisonReport Compare(string baselinePath, RunResult baseline, string currentPath, RunResult current)
    {
        RunData baseRun, currentRun;
        try
        {
            baseRun = RunFileReader.FromResult(baselinePath, baseline);
            currentRun = RunFileReader.FromResult(currentPath, current);
        }
        catch (InputFormatException e)
        {
            throw new UsageException(e.Message);
        }

        var report = RunComparer.Compare([baseRun], [currentRun], new CompareOptions());
        return report.Rows.Count > 0
            ? report
            : throw new UsageException($"{baselinePath} and {currentPath} have no quantity in common to compare");
    }
}
