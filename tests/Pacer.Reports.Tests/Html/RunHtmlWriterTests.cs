using System.Net;
using System.Text.RegularExpressions;
using Pacer.Core.Results;
using Pacer.Reports.Html;

namespace Pacer.Reports.Tests.Html;

public sealed class RunHtmlWriterTests
{
    private static RunResult Fixture() => RunFixture.Load();

    [Fact]
    public void Write_RealRun_RefersToNoUrlButSvgNamespaceAndTarget()
    {
        var result = Fixture();
        var html = RunHtmlWriter.Write(result);
        var allowed = new[] { "http://www.w3.org/2000/svg", WebUtility.HtmlEncode(result.Plan.Target) };

        foreach (Match m in Regex.Matches(html, "https?://"))
        {
            var rest = html[m.Index..];
            Assert.True(allowed.Any(a => rest.StartsWith(a, StringComparison.Ordinal)), "unexpected URL at: " + rest[..Math.Min(80, rest.Length)]);
        }

        Assert.Contains("<dd>" + WebUtility.HtmlEncode(result.Plan.Target) + "</dd>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_RealRun_HasFourChartsWithAxisLabels()
    {
        var html = RunHtmlWriter.Write(Fixture());
        var charts = Regex.Matches(html, "<svg[^>]*class=\"chart\"[\\s\\S]*?</svg>");

        Assert.True(charts.Count >= 4, $"{charts.Count} charts");
        Assert.Equal(charts.Count, Regex.Matches(html, "<figure class=\"chart( wide)?\"><svg").Count);
        Assert.All(charts, c => Assert.Equal(2, Regex.Matches(c.Value, "class=\"axis-label [xy]-label\"[^>]*>[^<]+<").Count));
    }

    [Fact]
    public void Write_RealRun_HasVerdictRequestRowsScriptAndMediaQueries()
    {
        var result = Fixture();
        var html = RunHtmlWriter.Write(result);

        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains(result.Thresholds.Count == 0 ? "No thresholds declared" : "thresholds", html, StringComparison.Ordinal);
        Assert.Contains("<table", html, StringComparison.Ordinal);
        foreach (var r in result.Requests)
        {
            Assert.Contains("<tr><td>" + WebUtility.HtmlEncode(r.Name) + "</td>", html, StringComparison.Ordinal);
        }

        Assert.Contains("<script>", html, StringComparison.Ordinal);
        Assert.Contains("@media print", html, StringComparison.Ordinal);
        Assert.Contains("@media (prefers-color-scheme: dark)", html, StringComparison.Ordinal);
        Assert.Contains("class=\"spark\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_FailedThreshold_ShowsFailedCountAndCross()
    {
        var result = Fixture() with
        {
            Passed = false,
            Thresholds = [new("http_req_duration", "p(95)<1ms", false, 3.5, false, null), new("http_req_failed", "rate<0.01", true, 0, false, null)],
        };

        var html = RunHtmlWriter.Write(result);

        Assert.Contains("FAILED 1 of 2 thresholds", html, StringComparison.Ordinal);
        Assert.Contains("✗", html, StringComparison.Ordinal);
        Assert.Contains("✓", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_ScriptInPlanName_IsEscaped()
    {
        var result = Fixture();
        result = result with { Plan = result.Plan with { Name = "<script>alert(1)</script>" } };

        var html = RunHtmlWriter.Write(result);

        Assert.DoesNotContain("<script>alert(1)", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_NoIntervalsNoHistogram_RendersWithNote()
    {
        var result = Fixture() with
        {
            Series = [],
            Metrics = new Dictionary<string, MetricResult>(),
            Requests = [],
            Aborted = true,
            AbortReason = "Ctrl-C",
        };

        var html = RunHtmlWriter.Write(result);

        Assert.Contains("No latency histogram", html, StringComparison.Ordinal);
        Assert.Contains("Run aborted: Ctrl-C", html, StringComparison.Ordinal);
        Assert.True(Regex.Matches(html, "<svg").Count >= 3);
    }

    [Fact]
    public void Write_OneHourWithTwoHundredNames_StaysUnderFiveMegabytes()
    {
        var large = LargeRun.From(Fixture());

        var html = RunHtmlWriter.Write(large);

        var bytes = System.Text.Encoding.UTF8.GetByteCount(html);
        Assert.True(bytes < 5 * 1024 * 1024, $"{bytes:N0} bytes");
        // One sparkline per name and one for the "all" row.
        Assert.Equal(LargeRun.RequestNames + 1, Regex.Matches(html, "<svg[^>]*class=\"spark\"").Count);

        // Each time series is cut to at most MaxPointsPerSeries points by LTTB, whatever the run's length.
        var latency = Regex.Match(html, "<svg[^>]*class=\"chart\"(?:(?!</svg>)[\\s\\S])*Latency from intended start[\\s\\S]*?</svg>").Value;
        var p99 = Regex.Matches(latency, "<path class=\"line\" fill=\"none\" d=\"([^\"]*)\"").Select(m => m.Groups[1].Value.Split(" L").Length).ToList();
        Assert.Equal(3, p99.Count);
        Assert.All(p99, points => Assert.Equal(Pacer.Reports.Charts.SvgLineChart.MaxPointsPerSeries, points));
    }

    [Fact]
    public void WholeSeconds_FinalSliverOfAnInterval_IsLeftOutOfTheCharts()
    {
        var whole = new IntervalResult(4, 200, 0, 0, 1, 200, 1, 2, 3, 4, 0, 0);
        var last = whole with { T = 5 };
        var sliver = whole with { T = 5.004, Requests = 2 };

        Assert.Equal([whole, last], IntervalRates.WholeSeconds([whole, last, sliver]));
        Assert.Equal([whole, last], IntervalRates.WholeSeconds([whole, last]));
        Assert.Equal([sliver], IntervalRates.WholeSeconds([sliver]));
    }
}
