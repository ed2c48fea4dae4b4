using System.CommandLine;
using Pacer.Cli.Pipeline;
using Pacer.Core.Results;
using Pacer.Reports.Console;

namespace Pacer.Cli.Commands;

/// <summary><c>pacer report RESULT.json [--html F] [--md F] [--junit F]</c>: the summary of a saved run, and its CI files.</summary>
internal static class ReportCommand
{
    public static Command Create(TextWriter output)
    {
        var resultPath = new Argument<string>("result") { Description = "A result file written by pacer run (pacer.run/v1)." };
        var html = new Option<string?>("--html") { Description = "Write a self-contained HTML report (charts, tables; works offline) to this file." };
        var markdown = new Option<string?>("--md") { Description = "Write a Markdown summary (CI step summary, PR comment) to this file." };
        var junit = new Option<string?>("--junit") { Description = "Write JUnit XML (each threshold a test case) to this file." };
        var command = new Command("report", "Show a saved run's summary and write its HTML, Markdown or JUnit report.") { resultPath, html, markdown, junit };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(resultPath)!;
            if (!File.Exists(path))
            {
                throw new UsageException($"{path}: no such result file");
            }

            var result = await ResultFile.ReadAsync(path, cancellationToken);
            var console = ConsoleFactory.ForStandardOutput(output);
            SummaryRenderer.Render(result, console);
            await ReportFiles.WriteAsync(result, parse.GetValue(markdown), parse.GetValue(junit), console, parse.GetValue(html));
            return ExitCodes.Passed;
        });
        return command;
    }
}
