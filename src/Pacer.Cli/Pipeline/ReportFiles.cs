using Pacer.Analysis.Compare;
using Pacer.Core.Files;
using Pacer.Core.Results;
using Pacer.Reports.Compare;
using Pacer.Reports.Console;
using Pacer.Reports.Html;
using Pacer.Reports.Junit;
using Pacer.Reports.Markdown;
using Spectre.Console;

namespace Pacer.Cli.Pipeline;

/// <summary>
/// The report files of a run (<c>--html</c>, <c>--md</c>, <c>--junit</c>), written after the result file so a failure here loses nothing measured.
/// Each is written through <see cref="OutputFile"/> (atomic, devices written through, links followed); one that fails does not stop
/// the others, and the answer says whether all were written, so the command can exit 1 when one was not.
/// </summary>
internal static class ReportFiles
{
    /// <summary>Writes the requested reports of <paramref name="result"/>; false when one could not be written (said on <paramref name="error"/>).</summary>
    public static async Task<bool> WriteAsync(RunResult result, string? markdownPath, string? junitPath, IAnsiConsole console, TextWriter error, string? htmlPath = null)
    {
        var html = await WriteOneAsync(htmlPath, () => RunHtmlWriter.Write(result), "HTML report", console, error);
        var markdown = await WriteOneAsync(markdownPath, () => RunMarkdownWriter.Write(result), "Markdown summary", console, error);
        var junit = await WriteOneAsync(junitPath, () => RunJUnitWriter.Write(result), "JUnit report", console, error);
        return html && markdown && junit;
    }

    /// <summary>The same three files for a comparison of <paramref name="baseline"/> with <paramref name="current"/>.</summary>
    public static async Task<bool> WriteComparisonAsync(RunResult baseline, RunResult current, ComparisonReport report, string? markdownPath, string? junitPath, IAnsiConsole console, TextWriter error, string? htmlPath)
    {
        var html = await WriteOneAsync(htmlPath, () => CompareHtmlWriter.Write(baseline, current, report), "HTML comparison", console, error);
        var markdown = await WriteOneAsync(markdownPath, () => CompareMarkdownWriter.Write(report), "Markdown comparison", console, error);
        var junit = await WriteOneAsync(junitPath, () => CompareJUnitWriter.Write(report), "JUnit comparison", console, error);
        return html && markdown && junit;
    }

    /// <summary>Writes one output; false (and one line on <paramref name="error"/>) when it could not be written. A missing path is not asked for: true.</summary>
    public static async Task<bool> WriteOneAsync(string? path, Func<string> render, string what, IAnsiConsole? console, TextWriter error)
    {
        if (path is null)
        {
            return true;
        }

        try
        {
            await OutputFile.WriteTextAsync(path, render());
            console?.MarkupLineInterpolated($"[grey]{what} written to {TerminalText.Clean(path)}[/]");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Not rethrown: the other outputs are still written; the failure is said here and becomes exit code 1.
            await error.WriteLineAsync($"pacer: could not write the {what} to {TerminalText.Clean(path)}: {TerminalText.Clean(e.Message)}");
            return false;
        }
    }
}
