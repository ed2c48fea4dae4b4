using System.Text.RegularExpressions;
using Pacer.Reports.Html;

namespace Pacer.Reports.Tests.Html;

/// <summary>The findings on the run page: near the top, ranked, their numbers in the report's units; a note when the target was not watched.</summary>
public sealed class FindingsListTests
{
    [Fact]
    public void Write_CpuBoundRun_ListsTheFindingAfterTheHeadlineAndBeforeAnyChart()
    {
        var html = RunHtmlWriter.Write(WatchedRun.CpuBound());

        var findings = html.IndexOf("<h2 id=\"findings\">Findings</h2>", StringComparison.Ordinal);
        Assert.True(findings > html.IndexOf("<div class=\"headline\">", StringComparison.Ordinal));
        Assert.True(findings < html.IndexOf("<svg", StringComparison.Ordinal));
        var list = Regex.Match(html, "<ol class=\"findings\">[\\s\\S]*?</ol>").Value;
        Assert.Equal(
            "<li data-kind=\"CpuBound\"><strong>CPU-bound</strong>: the target used 1.96 of 2 cores from second 14, when p99 rose from 3.00 ms to 41.0 ms: more load needs more CPU or cheaper requests</li>",
            Assert.Single(Regex.Matches(list, "<li[\\s\\S]*?</li>")).Value);
        Assert.DoesNotContain("findings-note", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_NothingWatched_SaysSoOnceUnderFindings()
    {
        var html = RunHtmlWriter.Write(RunFixture.Load());

        Assert.DoesNotContain("<ol class=\"findings\">", html, StringComparison.Ordinal);
        Assert.Single(Regex.Matches(html, "the target was not watched", RegexOptions.IgnoreCase));
        Assert.Contains("<p class=\"note findings-note\">None; the target was not watched, so only the generator, latency and error rules ran (--watch-pid PID or --watch-cmd CMD watches it).</p>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_WatchedAndHealthy_SaysNoneFound()
    {
        var run = WatchedRun.CpuBound();
        var calm = run with { Target = run.Target! with { Metrics = [.. run.Target.Metrics.Where(m => m.Name != "target_cpu")] }, Series = [.. run.Series.Select(i => i with { P99 = 3 })] };

        var html = RunHtmlWriter.Write(calm);

        Assert.Contains("<p class=\"note findings-note\">None: nothing the rules look for limited the service.</p>", html, StringComparison.Ordinal);
    }
}
