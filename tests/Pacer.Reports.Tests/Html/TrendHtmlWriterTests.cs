using System.Text.RegularExpressions;
using Pacer.Analysis.History;
using Pacer.Reports.Html;

namespace Pacer.Reports.Tests.Html;

public sealed class TrendHtmlWriterTests
{
    private static (List<Pacer.Analysis.History.HistorySeries> Series, HistoryCheckReport Report) Sample()
    {
        var (series, expected) = TrendSample.Build();
        return (series, HistoryCheck.Run(series, new HistoryCheckOptions { Expected = expected }));
    }

    [Fact]
    public void SampleHistory_FindsTheCartSlowdownAtRunTwentyAndTheExpectedTailChange()
    {
        var (_, report) = Sample();

        Assert.True(report.Failed);
        Assert.Contains(report.Failing, c => c.Key == TrendSample.Key("GET /cart", "p50") && c.Run.Id == 20);
        Assert.Contains(report.ChangePoints, c => c.Key == TrendSample.Key("all", "rps") && c.Run.Id == 20 && c.Direction == ChangeDirection.Regression);
        var tail = Assert.Single(report.ChangePoints, c => c.Kind == ChangeKind.Shape && c.Key.Group == "POST /order");
        Assert.Equal(12, tail.Run.Id);
        Assert.True(tail.Expected);
        Assert.DoesNotContain(report.ChangePoints, c => c.Key == TrendSample.Key("POST /order", "p50"));
        Assert.All(report.ChangePoints.Where(c => c.Key.Group == "POST /order"), c => Assert.True(c.Expected));
    }

    [Fact]
    public void Page_HasAChartPerSeries_MarkersAtTheChanges_AndTheRunsData()
    {
        var (series, report) = Sample();

        var html = TrendHtmlWriter.Write(series, report, new TrendPageOptions("checkout", new Dictionary<long, string> { [20] = "runs/20.html" }));

        Assert.Equal(series.Count, Regex.Count(html, "<figure class=\"chart trend\""));
        Assert.Contains("REGRESSED", html, StringComparison.Ordinal);
        Assert.Contains("data-series=\"checkout &#183; GET /cart &#183; p50\" data-changes=\"20\"", html, StringComparison.Ordinal);
        Assert.Matches("<g class=\"marker\"><line class=\"marker-line\"[^>]*/><text[^>]*>▲ \\+2\\d\\.\\d%</text>", html);
        Assert.Contains("shape p99", html, StringComparison.Ordinal);
        Assert.Contains("\"link\":\"runs/20.html\"", html, StringComparison.Ordinal);
        Assert.Contains("<td class=\"text muted\">expected</td>", html, StringComparison.Ordinal);
        Assert.DoesNotMatch("(src|href|url)[=(]\"?https?:", html);
    }

    [Fact]
    public void TextThatLooksLikeMarkup_IsEscapedEverywhere()
    {
        var (series, report) = Sample();
        var run = series[0].Points[0].Run;
        var hostile = run with { Commit = "</script><b>x", Labels = new Dictionary<string, string> { ["note"] = "<img src=x>" } };
        series[0] = series[0] with { Points = [new(hostile, 1), .. series[0].Points.Skip(1)] };

        var html = TrendHtmlWriter.Write(series, report);

        Assert.DoesNotContain("</script><b>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
    }

    [Fact]
    public void NoChange_SaysSo()
    {
        var (series, _) = Sample();
        var flat = series.Where(s => s.Key.Metric == "error_rate").ToList();

        var html = TrendHtmlWriter.Write(flat, HistoryCheck.Run(flat, new HistoryCheckOptions()));

        Assert.Contains("NO CHANGE", html, StringComparison.Ordinal);
        Assert.Contains("None: every series stayed within its noise.", html, StringComparison.Ordinal);
    }

    /// <summary>
    /// The runs' data the page's script reads is byte for byte what the reflection serializer wrote into
    /// examples/sample-trend.html before the source-generated context (NativeAOT): same names, order, nulls and escapes.
    /// </summary>
    [Fact]
    public void RunsData_IsByteForByteTheCommittedSamplePages()
    {
        var (series, report) = Sample();
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Pacer.slnx")))
        {
            root = root.Parent;
        }

        var sample = File.ReadAllText(Path.Combine(root!.FullName, "examples", "sample-trend.html"));

        var html = TrendHtmlWriter.Write(series, report, new TrendPageOptions("checkout (synthetic 30-run history)"));

        static string RunsData(string page) => Regex.Match(page, "<script type=\"application/json\" id=\"trend-runs\">(.*?)</script>").Groups[1].Value;
        Assert.StartsWith("[{\"position\":1,\"id\":1,\"commit\":\"9e3779b1a1\",\"branch\":\"main\",\"recorded\":\"2026-11-02 09:00\",\"labels\":[\"machine=ci-runner-2\"],\"link\":null,\"figures\":[[\"GET /cart \\u00B7 p50\",", RunsData(sample), StringComparison.Ordinal);
        Assert.Equal(RunsData(sample), RunsData(html));
    }

    /// <summary>
    /// examples/sample-trend.html is this page; PACER_WRITE_SAMPLES=1 writes it again (the history is seeded, so the file only
    /// changes when the page does).
    /// </summary>
    [Fact]
    public void SampleTrendPage_IsRendered()
    {
        var (series, report) = Sample();
        var html = TrendHtmlWriter.Write(series, report, new TrendPageOptions("checkout (synthetic 30-run history)"));

        if (Environment.GetEnvironmentVariable("PACER_WRITE_SAMPLES") == "1")
        {
            var root = new DirectoryInfo(AppContext.BaseDirectory);
            while (root is not null && !File.Exists(Path.Combine(root.FullName, "Pacer.slnx")))
            {
                root = root.Parent;
            }

            File.WriteAllText(Path.Combine(root!.FullName, "examples", "sample-trend.html"), html);
        }

        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Equal(html, TrendHtmlWriter.Write(series, HistoryCheck.Run(series, report.Options), new TrendPageOptions("checkout (synthetic 30-run history)")));
    }
}
