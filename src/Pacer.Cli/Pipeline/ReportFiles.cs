using Pacer.Analysis.Compare;
using Pacer.Core.Results;
using Pacer.Reports.Compare;
using Pacer.Reports.Console;
using Pacer.Reports.Html;
using Pacer.Reports.Junit;
using Pacer.Reports.Markdown;
using Spectre.Console;

namespace Pacer.Cli.Pipeline;

/// <summary>The report files of a run (<c>--html</c>, <c>--md</c>, <c>--junit</c>), written after the result file so a failure here loses nothing measured.</summary>
internal static class ReportFiles
{
    public static async Task WriteAsync(RunResult result, string? markdownPath, string? junitPath, IAnsiConsole console, string? htmlPath = null)
    {
        await WriteOneAsync(htmlPath, () => RunHtmlWriter.Write(result), "HTML report", console);
        await WriteOneAsync(markdownPath, () => RunMarkdownWriter.Write(result), "Markdown summary", console);
        await WriteOneAsync(junitPath, () => RunJUnitWriter.Write(result), "JUnit report", console);
    }

    /// <summary>The same three files for a comparison of <paramref name="baseline"/> with <paramref name="current"/>.</summary>
    public static async Task WriteComparisonAsync(RunResult baseline, RunResult current, ComparisonReport report, string? markdownPath, string? junitPath, IAnsiConsole console, string? htmlPath)
    {
        await WriteOneAsync(htmlPath, () => CompareHtmlWriter.Write(baseline, current, report), "HTML comparison", console);
        await WriteOneAsync(markdownPath, () => CompareMarkdownWriter.Write(report), "Markdown comparison", console);
        await WriteOneAsync(junitPath, () => CompareJUnitWriter.Write(report), "JUnit comparison", console);
    }

    private static async Task WriteOneAsync(string? path, Func<string> render, string what, IAnsiConsole console)
    {
        if (path is null)
        {
            return;
        }

        try
        {
            await File.WriteAllTextAsync(path, render());
            console.MarkupLineInterpolated($"[grey]{what} written to {TerminalText.Clean(path)}[/]");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The result file is already safe; say what could not be written and carry on to the exit code.
            console.MarkupLineInterpolated($"[yellow]could not write the {what} to {TerminalText.Clean(path)}: {TerminalText.Clean(e.Message)}[/]");
        }
    }
}
