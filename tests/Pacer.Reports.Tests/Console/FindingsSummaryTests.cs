using Pacer.Reports.Console;
using Pacer.Reports.Markdown;
using Pacer.Reports.Tests.Html;

namespace Pacer.Reports.Tests.Console;

/// <summary>The findings in the console summary (also what <c>pacer report old.json</c> prints) and in the Markdown report.</summary>
public sealed class FindingsSummaryTests
{
    private static string Console(Pacer.Core.Results.RunResult run)
    {
        using var writer = new StringWriter();
        SummaryRenderer.Render(run, ConsoleFactory.Create(writer, isTerminal: false));
        return writer.ToString();
    }

    [Fact]
    public void Render_CpuBoundRun_ListsTheFindingRankedWithItsEvidence()
    {
        var text = Console(WatchedRun.CpuBound());

        Assert.Contains("findings (what limited the service, most important first)", text, StringComparison.Ordinal);
        Assert.Contains("  1. CPU-bound: the target used 1.96 of 2 cores from second 14, when p99 rose from 3.00 ms to 41.0 ms", text, StringComparison.Ordinal);
        Assert.DoesNotContain("not watched", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_NothingWatched_SaysSoOnce()
    {
        var text = Console(RunFixture.Load());

        Assert.Contains("findings: none; the target was not watched, so only the generator, latency and error rules ran (--watch-pid PID or --watch-cmd CMD watches it)", text, StringComparison.Ordinal);
        Assert.Equal(1, text.Split("not watched").Length - 1);
    }

    [Fact]
    public void Markdown_CpuBoundRun_HasANumberedFinding()
    {
        var md = RunMarkdownWriter.Write(WatchedRun.CpuBound());

        Assert.Contains("**Findings**\n\n1. **CPU-bound**: the target used 1.96 of 2 cores from second 14", md.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.DoesNotContain("not watched", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_NothingWatched_SaysSoOnce()
    {
        var md = RunMarkdownWriter.Write(RunFixture.Load());

        Assert.Contains("**Findings**", md, StringComparison.Ordinal);
        Assert.Equal(1, md.Split("not watched").Length - 1);
    }
}
