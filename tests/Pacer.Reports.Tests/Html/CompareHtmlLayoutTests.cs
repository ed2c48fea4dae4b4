using System.Net;
using System.Text.RegularExpressions;
using Pacer.Analysis.Compare;
using Pacer.Analysis.Inputs;
using Pacer.Core.Results;
using Pacer.Reports.Html;
using Units = Pacer.Reports.Formatting.Units;

namespace Pacer.Reports.Tests.Html;

/// <summary>The compare page's layout (issue 15): key numbers of both runs first, verdicts worst first, charts like the run page's.</summary>
public sealed class CompareHtmlLayoutTests
{
    private static (RunResult Baseline, RunResult Current, ComparisonReport Report) Compared()
    {
        var baseline = RunFixture.Load();
        var current = SlowerRun.Of(baseline, 3);
        var report = RunComparer.Compare([RunFileReader.FromResult("base.json", baseline)], [RunFileReader.FromResult("current.json", current)], new CompareOptions());
        return (baseline, current, report);
    }

    [Fact]
    public void Write_KeyNumbersOfBothRuns_ComeBeforeTheVerdictsAndTheCharts()
    {
        var (baseline, current, report) = Compared();

        var html = CompareHtmlWriter.Write(baseline, current, report);

        var keys = html.IndexOf("<table class=\"key-numbers\">", StringComparison.Ordinal);
        Assert.True(keys > 0, "no key-numbers table");
        Assert.True(keys < html.IndexOf("<table class=\"verdicts\">", StringComparison.Ordinal));
        Assert.True(keys < html.IndexOf("<figure", StringComparison.Ordinal));
        var table = html[keys..html.IndexOf("</table>", keys, StringComparison.Ordinal)];
        var p99 = Regex.Match(table, "<tr><th class=\"text\" scope=\"row\">Latency p99</th><td>([^<]+)</td><td>([^<]+)</td><td class=\"text [a-z]+\">([^<]+)</td>");
        Assert.True(p99.Success, table);
        Assert.Equal(Units.Duration(baseline.Metrics["http_req_duration"].P99!.Value), WebUtility.HtmlDecode(p99.Groups[1].Value));
        Assert.Equal(Units.Duration(current.Metrics["http_req_duration"].P99!.Value), WebUtility.HtmlDecode(p99.Groups[2].Value));
        Assert.Equal(Pacer.Reports.Compare.CompareText.Verdict(report.Rows.Single(r => r.Group == "all" && r.Metric == "p99")), WebUtility.HtmlDecode(p99.Groups[3].Value));
        foreach (var name in new[] { "Requests", "Requests per second", "Error rate", "Latency p50", "Latency p95", "Thresholds", "Generator" })
        {
            Assert.Contains($"<th class=\"text\" scope=\"row\">{name}</th>", table, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Write_VerdictTable_IsOrderedBySeverity()
    {
        var (baseline, current, report) = Compared();
        ComparisonRow Row(string group, Verdict verdict) =>
            new(group, "p95", "ms", MetricDirection.LowerIsBetter, 1, 1, 0, -0.1, 0.1, 0.5, 0.5, 1, 1, 0.05, verdict, "test", null, []);
        var mixed = report with
        {
            Rows = [Row("e", Verdict.Equivalent), Row("r1", Verdict.Regressed), Row("i", Verdict.Improved), Row("u", Verdict.Inconclusive), Row("r2", Verdict.Regressed)],
        };

        var html = CompareHtmlWriter.Write(baseline, current, mixed);

        var verdicts = html[html.IndexOf("<table class=\"verdicts\">", StringComparison.Ordinal)..];
        var groups = Regex.Matches(verdicts, "<tr><td>([a-z0-9]+)</td>").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(["r1", "r2", "u", "i", "e"], groups);
    }

    [Fact]
    public void Write_Charts_AreTheRunPagesSizeAndUseItsAxisWording()
    {
        var (baseline, current, report) = Compared();

        var compare = CompareHtmlWriter.Write(baseline, current, report);
        var run = RunHtmlWriter.Write(baseline);

        var runSizes = ViewBoxes(run).Distinct().ToList();
        Assert.All(ViewBoxes(compare), size => Assert.Contains(size, runSizes));
        var runLabels = Labels(run).ToHashSet(StringComparer.Ordinal);
        Assert.All(Labels(compare), label => Assert.Contains(label, runLabels));
    }

    private static IEnumerable<string> ViewBoxes(string html) =>
        Regex.Matches(html, "<svg[^>]*viewBox=\"([^\"]+)\"[^>]*class=\"chart\"|<svg[^>]*class=\"chart\"[^>]*viewBox=\"([^\"]+)\"")
            .Select(m => m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value);

    private static IEnumerable<string> Labels(string html) =>
        Regex.Matches(html, "class=\"axis-label [xy]-label\"[^>]*>([^<]+)<").Select(m => m.Groups[1].Value);
}
