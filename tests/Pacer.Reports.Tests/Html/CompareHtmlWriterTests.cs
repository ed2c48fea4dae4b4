using System.Net;
using System.Text.RegularExpressions;
using Pacer.Analysis.Compare;
using Pacer.Analysis.Inputs;
using Pacer.Core.Results;
using Pacer.Reports.Html;

namespace Pacer.Reports.Tests.Html;

public sealed class CompareHtmlWriterTests
{
    private static RunResult Baseline() => RunFixture.Load();

    private static (RunResult Baseline, RunResult Current, ComparisonReport Report) Compared(int factor)
    {
        var baseline = Baseline();
        var current = factor == 1 ? baseline : SlowerRun.Of(baseline, factor);
        var report = RunComparer.Compare([RunFileReader.FromResult("base.json", baseline)], [RunFileReader.FromResult("current.json", current)], new CompareOptions());
        return (baseline, current, report);
    }

    [Fact]
    public void Write_SlowerCurrent_ShowsRegressedBannerAndEveryVerdictRow()
    {
        var (baseline, current, report) = Compared(3);

        var html = CompareHtmlWriter.Write(baseline, current, report);

        Assert.True(report.Regressed);
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("<div class=\"verdict failed\" role=\"status\">REGRESSED", html, StringComparison.Ordinal);
        Assert.NotEmpty(report.Rows);
        foreach (var row in report.Rows)
        {
            Assert.Contains($"<tr><td>{WebUtility.HtmlEncode(row.Group)}</td><td class=\"text\">{WebUtility.HtmlEncode(row.Metric)}</td>", html, StringComparison.Ordinal);
        }

        Assert.Contains(">regressed</td>", html, StringComparison.Ordinal);
        Assert.Contains("<th>change [95% CI]</th>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_TwoRuns_OverlaysBaselineAndCurrentOnOneNinesChart()
    {
        var (baseline, current, report) = Compared(3);

        var html = CompareHtmlWriter.Write(baseline, current, report);
        var spectrum = Regex.Match(html, "<svg[^>]*><title>http_req_duration by percentile</title>[\\s\\S]*?</svg>");

        Assert.True(spectrum.Success);
        Assert.Contains("class=\"series series-6 series-baseline\"", spectrum.Value, StringComparison.Ordinal);
        Assert.Contains("class=\"series series-1 series-current\"", spectrum.Value, StringComparison.Ordinal);
        Assert.Contains(">99.9%</text>", spectrum.Value, StringComparison.Ordinal);
        Assert.Contains(">baseline</text>", spectrum.Value, StringComparison.Ordinal);
        Assert.Contains(">current</text>", spectrum.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_TwoRuns_EveryChartIsAFigureWithBothAxisLabels()
    {
        var (baseline, current, report) = Compared(3);

        var html = CompareHtmlWriter.Write(baseline, current, report);
        var figures = Regex.Matches(html, "<figure class=\"chart( wide)?\"><svg[^>]*class=\"chart\"[\\s\\S]*?</svg></figure>");

        // Spectrum, two latency-over-time charts, throughput.
        Assert.Equal(4, figures.Count);
        Assert.Equal(figures.Count, Regex.Matches(html, "<svg[^>]*class=\"chart\"").Count);
        Assert.All(figures, f => Assert.Equal(2, Regex.Matches(f.Value, "class=\"axis-label [xy]-label\"[^>]*>[^<]+<").Count));
        Assert.All(figures, f => Assert.Contains("class=\"line\"", f.Value, StringComparison.Ordinal));
    }

    [Fact]
    public void Write_TwoRuns_RefersToNoUrlButSvgNamespaceAndTheTargets()
    {
        var (baseline, current, report) = Compared(3);

        var html = CompareHtmlWriter.Write(baseline, current, report);
        var allowed = new[] { "http://www.w3.org/2000/svg", WebUtility.HtmlEncode(baseline.Plan.Target), WebUtility.HtmlEncode(current.Plan.Target) };

        foreach (Match m in Regex.Matches(html, "https?://"))
        {
            var rest = html[m.Index..];
            Assert.True(allowed.Any(a => rest.StartsWith(a, StringComparison.Ordinal)), "unexpected URL at: " + rest[..Math.Min(80, rest.Length)]);
        }

        Assert.Contains($"<td class=\"text\">{baseline.Plan.Target}</td><td class=\"text\">{current.Plan.Target}</td>", html, StringComparison.Ordinal);
        Assert.Contains(baseline.RunId, html, StringComparison.Ordinal);
        Assert.Contains(current.RunId, html, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_SameRunTwice_SaysNoChange()
    {
        var (baseline, current, report) = Compared(1);

        var html = CompareHtmlWriter.Write(baseline, current, report);

        Assert.False(report.Regressed);
        Assert.Contains("<div class=\"verdict none\" role=\"status\">NO CHANGE", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_FasterCurrent_SaysImproved()
    {
        var slow = SlowerRun.Of(Baseline(), 3);
        var fast = Baseline();
        var report = RunComparer.Compare([RunFileReader.FromResult("slow.json", slow)], [RunFileReader.FromResult("fast.json", fast)], new CompareOptions());

        var html = CompareHtmlWriter.Write(slow, fast, report);

        Assert.Contains("<div class=\"verdict passed\" role=\"status\">IMPROVED", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_NoHistogramsNoIntervals_StillRendersEveryChartWithANote()
    {
        var (baseline, _, report) = Compared(1);
        var empty = baseline with { Series = [], Metrics = new Dictionary<string, MetricResult>() };

        var html = CompareHtmlWriter.Write(empty, empty, report);

        Assert.Contains("Neither result has a latency histogram", html, StringComparison.Ordinal);
        Assert.Equal(4, Regex.Matches(html, "<figure class=\"chart( wide)?\"><svg").Count);
    }

    [Fact]
    public void Write_ScriptInPlanName_IsEscaped()
    {
        var (baseline, current, report) = Compared(1);
        var hostile = baseline with { Plan = baseline.Plan with { Name = "<script>alert(1)</script>" } };

        var html = CompareHtmlWriter.Write(hostile, current, report);

        Assert.DoesNotContain("<script>alert(1)", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
    }
}
