using System.Net;
using System.Text.RegularExpressions;
using Pacer.Core.Results;
using Pacer.Reports.Html;

namespace Pacer.Reports.Tests.Html;

/// <summary>The parts of the run page issue 15 added: headline figures, the time breakdown, the per-name detail, status codes,
/// the generator in words and custom metrics.</summary>
public sealed class RunPageTests
{
    private static RunResult Fixture() => RunFixture.Load();

    /// <summary>The fixture as if every request had failed with a 503.</summary>
    private static RunResult AllFailed()
    {
        var run = Fixture();
        var count = run.Metrics["http_reqs"].Count!.Value;
        var metrics = new Dictionary<string, MetricResult>(run.Metrics)
        {
            ["http_req_failed"] = new() { Type = "rate", Rate = 1, Passes = count, Fails = 0 },
        };
        return run with
        {
            Passed = false,
            Metrics = metrics,
            Requests = [.. run.Requests.Select(r => r with { Failures = r.Requests, ErrorRate = 1, ErrorsByKind = new Dictionary<string, long> { ["http_5xx"] = r.Requests } })],
            Errors = [new ErrorResult("http_5xx", count, "503 Service Unavailable")],
            Series = [.. run.Series.Select(i => i with { Errors = i.Requests })],
        };
    }

    [Fact]
    public void Write_HeadlineFigures_ComeBeforeAnyChartOrTable()
    {
        var html = RunHtmlWriter.Write(Fixture());

        var headline = html.IndexOf("<div class=\"headline\">", StringComparison.Ordinal);
        Assert.True(headline > 0);
        Assert.True(headline < html.IndexOf("<svg", StringComparison.Ordinal));
        Assert.True(headline < html.IndexOf("<table", StringComparison.Ordinal));
        foreach (var figure in new[] { "requests", "rate", "errors", "p50", "p95", "p99", "verdict", "generator" })
        {
            Assert.Contains($"data-figure=\"{figure}\"", html, StringComparison.Ordinal);
        }

        Assert.Contains(">52,208<", html, StringComparison.Ordinal);
        Assert.Contains(">kept up<", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_FactList_IsNoLongerAtTheTop()
    {
        var html = RunHtmlWriter.Write(Fixture());

        var errors = html.IndexOf("<h2 id=\"errors\">Errors</h2>", StringComparison.Ordinal);
        Assert.True(errors > 0);
        Assert.True(html.IndexOf("<dl class=\"facts\">", StringComparison.Ordinal) > errors);
    }

    [Fact]
    public void Write_EveryRequestFailed_SaysSoFirstAndKeepsRequestsPerSecondOnTop()
    {
        var html = RunHtmlWriter.Write(AllFailed());

        var body = html[html.IndexOf("</h1>", StringComparison.Ordinal)..];
        Assert.StartsWith("</h1>\n<div class=\"verdict failed nothing-succeeded\"", body, StringComparison.Ordinal);
        var first = Regex.Match(body, "<div class=\"([^\"]*)\"[^>]*>([^<]*)<").Groups;
        Assert.Contains("nothing-succeeded", first[1].Value, StringComparison.Ordinal);
        Assert.StartsWith("Nothing succeeded: all 52,208 requests failed (http_5xx 52,208)", first[2].Value, StringComparison.Ordinal);

        // requests/s is drawn after (over) errors/s, which is dashed, so the two coinciding lines both stay visible.
        var throughput = Regex.Match(html, "<svg[^>]*class=\"chart\"(?:(?!</svg>)[\\s\\S])*?<title>Throughput</title>[\\s\\S]*?</svg>").Value;
        var errors = throughput.IndexOf("class=\"series series-2 series-dashed\"", StringComparison.Ordinal);
        var requests = throughput.IndexOf("class=\"series series-1\"", StringComparison.Ordinal);
        Assert.True(errors > 0 && requests > errors, $"errors/s at {errors}, requests/s at {requests}");
    }

    [Fact]
    public void Write_HealthyRun_HasNoNothingSucceededBanner() =>
        Assert.DoesNotContain("Nothing succeeded", RunHtmlWriter.Write(Fixture()), StringComparison.Ordinal);

    [Fact]
    public void Write_TimeBreakdown_DrawsLatencyServiceAndQueueTimeAsStepsOnOneChart()
    {
        var chart = RunHtmlWriter.TimeBreakdown(Fixture())!;

        Assert.Equal(["latency from intended start", "service time", "queue time"], chart.Series.Select(s => s.Name));
        Assert.All(chart.Series, s => Assert.True(s.Step));
        Assert.Equal(99.99, Assert.Single(chart.Markers).X);
        Assert.True(chart.NinesEnd < 100);
        Assert.Contains("<table class=\"breakdown\">", RunHtmlWriter.Write(Fixture()), StringComparison.Ordinal);
    }

    [Fact]
    public void Write_RequestsTable_HasAnAllRowMinMeanP999AndErrorsByKind()
    {
        var run = AllFailed();
        var html = RunHtmlWriter.Write(run);

        var table = Regex.Match(html, "<table class=\"requests\">[\\s\\S]*?</table>").Value;
        foreach (var heading in new[] { "min", "mean", "p99.9", "errors by kind" })
        {
            Assert.Contains(">" + heading + "</th>", table, StringComparison.Ordinal);
        }

        var all = Regex.Match(table, "<tfoot><tr class=\"all\"><td>all</td>[\\s\\S]*?</tr></tfoot>").Value;
        Assert.Contains("<td>52,208</td>", all, StringComparison.Ordinal);
        Assert.Contains("http_5xx 52,208", all, StringComparison.Ordinal);
        Assert.Contains(WebUtility.HtmlEncode(Pacer.Reports.Formatting.Units.Duration(run.Metrics["http_req_duration"].P999!.Value)), all, StringComparison.Ordinal);
        Assert.Contains("class=\"spark-scale\"", table, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_FewerThanAThousandSamples_LeavesP999BlankWithTheReason()
    {
        var run = Fixture();
        run = run with { Requests = [.. run.Requests.Select(r => r with { Duration = r.Duration with { Count = 999 } })] };

        var html = RunHtmlWriter.Write(run);

        var row = Regex.Match(html, "<table class=\"requests\">[\\s\\S]*?<tbody>\\n(<tr>.*?</tr>)").Groups[1].Value;
        Assert.Contains("title=\"fewer than 1,000 samples", row, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_DistributionSmallMultiples_OnePerNameUpToTheLimit()
    {
        var large = LargeRun.From(Fixture());

        Assert.Single(RunHtmlWriter.DistributionCharts(Fixture()));
        Assert.Equal(RunHtmlWriter.MaxDistributionCharts, RunHtmlWriter.DistributionCharts(large).Count);
        Assert.Contains($"The {RunHtmlWriter.MaxDistributionCharts} busiest of {LargeRun.RequestNames} request names", RunHtmlWriter.Write(large), StringComparison.Ordinal);
    }

    [Fact]
    public void Write_StatusCodes_ListsEachWithItsShare()
    {
        var run = Fixture();
        var ok = run.Statuses[0];
        run = run with { Statuses = [ok, new StatusResult(503, ok.Count, ok.Duration)] };

        var html = RunHtmlWriter.Write(run);

        var table = Regex.Match(html, "<table class=\"statuses\">[\\s\\S]*?</table>").Value;
        Assert.Contains("<td class=\"bad\">503</td>", table, StringComparison.Ordinal);
        Assert.Equal(2, Regex.Matches(table, "<td>50.00%</td>").Count);
        Assert.Equal(2, Regex.Matches(table, "class=\"bar (ok|bad)\" style=\"width:50%\"").Count);
    }

    [Fact]
    public void Write_SaturatedGenerator_IsExplainedInWords()
    {
        var run = Fixture() with
        {
            Generator = new GeneratorInfo(2, 40, 120, 0.95, 1, 0.6, 2, true) { SaturatedBy = ["late_requests", "cpu"], LagSamples = 1000, LagLate = 300 },
        };

        var html = RunHtmlWriter.Write(run);

        Assert.Contains(">saturated<", html, StringComparison.Ordinal);
        var words = Regex.Match(html, "<p class=\"generator bad\">([^<]*)</p>").Groups[1].Value;
        Assert.StartsWith("Pacer was saturated — its scheduling lag p99 was over 5 ms", WebUtility.HtmlDecode(words), StringComparison.Ordinal);
        Assert.Contains("CPU was above 90% of the cores for 60.00% of the run", words, StringComparison.Ordinal);
        Assert.Contains("300 of 1,000 requests", words, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_ConnectionsClosedForStrayBytes_StandBesideTheConnectionsOpened()
    {
        var generator = Fixture().Generator! with { ConnectionsOpened = 40, ConnectionsWithStrayBytes = 3 };

        var html = RunHtmlWriter.Write(Fixture() with { Generator = generator });
        var clean = RunHtmlWriter.Write(Fixture() with { Generator = generator with { ConnectionsWithStrayBytes = 0 } });

        Assert.Contains("<p class=\"note\">40 connections opened (warm-up included); 3 of them closed for bytes no request asked for.</p>", html, StringComparison.Ordinal);
        Assert.Contains("<p class=\"note\">40 connections opened (warm-up included).</p>", clean, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_HealthyGenerator_SaysItKeptUp() =>
        Assert.Contains("<p class=\"generator ok\">Pacer kept up", RunHtmlWriter.Write(Fixture()), StringComparison.Ordinal);

    [Fact]
    public void Write_CustomMetrics_AsFiguresAndTrendCharts()
    {
        var run = Fixture();
        var metrics = new Dictionary<string, MetricResult>(run.Metrics)
        {
            ["command_execution_time"] = run.Metrics["http_req_duration"],
            ["session_creation_rate"] = new() { Type = "rate", Rate = 0.97, Passes = 97, Fails = 3 },
            ["orders"] = new() { Type = "counter", Count = 1234, Rate = 41.1 },
            ["command_execution_time{name:x}"] = run.Metrics["http_req_duration"],
        };

        var html = RunHtmlWriter.Write(run with { Metrics = metrics });

        Assert.Contains("<h2 id=\"custom-metrics\">Custom metrics</h2>", html, StringComparison.Ordinal);
        Assert.Contains("data-metric=\"session_creation_rate\"><span class=\"tile-label\">session_creation_rate</span><span class=\"tile-value\">97.00%</span>", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"tile-value\">1,234</span><span class=\"tile-sub\">" + WebUtility.HtmlEncode("counter · 41.1/s") + "</span>", html, StringComparison.Ordinal);
        Assert.Contains("<title>command_execution_time by percentile</title>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-metric=\"command_execution_time{", html, StringComparison.Ordinal);
        Assert.Single(CustomMetrics.TrendCharts(run with { Metrics = metrics }));
    }

    [Fact]
    public void Write_NoCustomMetrics_NoSection() =>
        Assert.DoesNotContain("Custom metrics", RunHtmlWriter.Write(Fixture()), StringComparison.Ordinal);

    [Fact]
    public void Write_NoLatencySamples_ShowsDashesNotZeroMicroseconds()
    {
        var run = Fixture();
        var empty = new MetricResult { Type = "trend", Unit = "ms", Count = 0, Min = 0, Mean = 0, P50 = 0, P90 = 0, P95 = 0, P99 = 0, P999 = 0, Max = 0 };
        var metrics = new Dictionary<string, MetricResult>(run.Metrics) { ["http_req_duration"] = empty };

        var html = RunHtmlWriter.Write(run with { Metrics = metrics });

        Assert.Contains("data-figure=\"p50\"><span class=\"tile-label\">p50</span><span class=\"tile-value\">–</span><span class=\"tile-sub\">no samples</span>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_NoResponses_ShowsServiceAndQueueTimeAsDashes()
    {
        // Every request refused: latency from the intended start has samples, service and queue time (responses only) none.
        var run = Fixture();
        var empty = new MetricResult { Type = "trend", Unit = "ms", Count = 0, Min = 0, Mean = 0, P50 = 0, P90 = 0, P95 = 0, P99 = 0, P999 = 0, Max = 0 };
        var metrics = new Dictionary<string, MetricResult>(run.Metrics) { ["http_req_service_time"] = empty, ["http_req_queue_time"] = empty };

        var html = RunHtmlWriter.Write(run with { Metrics = metrics });

        var rows = Regex.Matches(Regex.Match(html, "<table class=\"breakdown\">[\\s\\S]*?</table>").Value, "<tr><td>(service time|queue time)</td>.*?</tr>");
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Equal(8, Regex.Matches(r.Value, "–").Count));
        Assert.All(rows, r => Assert.DoesNotContain("0.00", r.Value, StringComparison.Ordinal));
    }
}
