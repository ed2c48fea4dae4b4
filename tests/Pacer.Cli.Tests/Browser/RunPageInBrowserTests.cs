using System.Text.Json;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Pacer.Cli.Tests.Browser;

/// <summary>
/// The run page's parts from issue 15 as a reader sees them in headless Chromium: headline figures first, a run in which
/// nothing succeeded, the latency / service / queue time chart that stops where the samples stop, the per-name detail,
/// status codes, the generator in words, and a journey's checks, groups and custom metrics.
/// </summary>
[Collection(nameof(BrowserCollection))]
public sealed class RunPageInBrowserTests(HeadlessChromium chromium, DemoReports run, RunPageReports more, ITestOutputHelper output)
    : IClassFixture<RunPageReports>
{
    [Fact]
    public async Task HealthyRun_HeadlineFigures_AreTheFirstThingInTheViewport()
    {
        await using var report = await OpenedReport.OpenAsync(chromium.Browser, run.RunReport);

        var tiles = await report.Page.EvaluateAsync<JsonElement>("""
            () => Array.from(document.querySelectorAll('.headline .tile')).map(t => ({
              name: t.dataset.figure, value: t.querySelector('.tile-value').innerText, bottom: t.getBoundingClientRect().bottom }))
            """);
        var firstChart = await report.Page.EvaluateAsync<double>("() => document.querySelector('svg.chart').getBoundingClientRect().top");

        var names = tiles.EnumerateArray().Select(t => t.GetProperty("name").GetString()).ToList();
        Assert.Equal(["requests", "rate", "errors", "p50", "p95", "p99", "verdict", "generator"], names);
        Assert.All(tiles.EnumerateArray(), t =>
        {
            Assert.NotEmpty(t.GetProperty("value").GetString()!);
            Assert.True(t.GetProperty("bottom").GetDouble() < 400, $"{t.GetProperty("name")} ends at {t.GetProperty("bottom")} px");
            Assert.True(t.GetProperty("bottom").GetDouble() < firstChart);
        });
        Assert.Matches("^[0-9,]+$", tiles[0].GetProperty("value").GetString()!);
        Assert.EndsWith("/s", tiles[1].GetProperty("value").GetString()!, StringComparison.Ordinal);
        Assert.Matches("^(kept up|saturated)$", tiles[7].GetProperty("value").GetString()!);
        output.WriteLine($"screenshot: {await report.ScreenshotAsync("run-page-healthy.png")}");
    }

    [Fact]
    public async Task HealthyRun_FullWidthCharts_SpanThePage()
    {
        await using var report = await OpenedReport.OpenAsync(chromium.Browser, run.RunReport);

        var widths = await report.Page.EvaluateAsync<double[]>(
            "() => Array.from(document.querySelectorAll('body > figure.chart svg')).map(s => s.getBoundingClientRect().width)");
        var body = await report.Page.EvaluateAsync<double>("() => document.querySelector('h2').getBoundingClientRect().width");

        // Five over time and the load generator's two (lag, CPU).
        Assert.Equal(7, widths.Length);
        Assert.All(widths, w => Assert.InRange(w, body - 2, body + 2));
    }

    [Fact]
    public async Task HealthyRun_PercentileChart_DrawsThreeStepCurvesEndingWhereTheSamplesEnd()
    {
        await using var report = await OpenedReport.OpenAsync(chromium.Browser, run.RunReport);

        var chart = await report.Page.EvaluateAsync<JsonElement>("""
            () => {
              const svg = Array.from(document.querySelectorAll('svg.chart')).find(s => s.querySelector('title').textContent.startsWith('Latency = queue time'));
              const lines = Array.from(svg.querySelectorAll('g.series path.line'));
              return {
                legend: Array.from(svg.querySelectorAll('.legend-label')).map(t => t.textContent),
                drawn: lines.filter(p => p.getTotalLength() > 0).length,
                slopes: lines.filter(p => p.getAttribute('d').includes(' L')).length,
                ticks: Array.from(svg.querySelectorAll('.x-ticks text')).map(t => t.textContent),
                marker: (svg.querySelector('.marker-label') || {}).textContent || '',
                markerVisible: !!svg.querySelector('.marker-line') && svg.querySelector('.marker-line').getBoundingClientRect().height > 50,
              };
            }
            """);

        Assert.Equal(["latency from intended start", "service time", "queue time"], chart.GetProperty("legend").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(3, chart.GetProperty("drawn").GetInt32());
        Assert.Equal(0, chart.GetProperty("slopes").GetInt32());

        // A four-second run of a few hundred requests: the axis ends at the last percentile its count supports, which is marked.
        var ticks = chart.GetProperty("ticks").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.DoesNotContain("99.999%", ticks);
        Assert.Equal(ticks[^1], chart.GetProperty("marker").GetString()!.Split(':')[0].Replace("p", string.Empty, StringComparison.Ordinal) + "%");
        Assert.True(chart.GetProperty("markerVisible").GetBoolean());
    }

    [Fact]
    public async Task HealthyRun_PerNameDetail_AllRowDistributionsAndSparklineScales()
    {
        await using var report = await OpenedReport.OpenAsync(chromium.Browser, run.RunReport);
        var page = report.Page;

        var headings = await page.Locator("table.requests thead th").AllInnerTextsAsync();
        var all = await page.Locator("table.requests tfoot tr.all td").AllInnerTextsAsync();
        var scales = await page.Locator("table.requests .spark-scale").AllInnerTextsAsync();
        var multiples = await page.Locator("#distributions + .multiples svg.chart").CountAsync();
        var sparkFills = await page.EvaluateAsync<string[]>("() => Array.from(document.querySelectorAll('svg.spark path')).map(p => getComputedStyle(p).fill)");

        foreach (var heading in new[] { "min", "mean", "p99.9", "errors by kind" })
        {
            Assert.Contains(heading, headings);
        }

        Assert.Equal("all", all[0]);
        Assert.Equal(5, scales.Count);
        Assert.All(scales, s => Assert.Matches("[0-9.]+ ?(µs|ms|s)\\s+p0 to (p[0-9.]+|max)", s));
        Assert.Equal(4, multiples);

        // A step curve, not a filled area: the series colour class must not paint the inside of the path.
        Assert.Equal(5, sparkFills.Length);
        Assert.All(sparkFills, fill => Assert.Equal("none", fill));
    }

    [Fact]
    public async Task HealthyRun_GeneratorAndNamesOverTime_DrawTheirLinesOnTheRunsTimeAxis()
    {
        await using var report = await OpenedReport.OpenAsync(chromium.Browser, run.RunReport);

        var charts = await report.Page.EvaluateAsync<JsonElement>("""
            () => {
              const info = svg => ({
                title: svg.querySelector('title').textContent,
                drawn: Array.from(svg.querySelectorAll('g.series path.line')).filter(p => p.getTotalLength() > 0).length,
                legend: Array.from(svg.querySelectorAll('.legend-label')).map(t => t.textContent),
                ticks: Array.from(svg.querySelectorAll('.x-ticks text')).map(t => t.textContent).join(' '),
                noData: !!svg.querySelector('.no-data'),
              });
              const byTitle = t => Array.from(document.querySelectorAll('svg.chart')).find(s => s.querySelector('title').textContent === t);
              const words = document.querySelector('p.generator');
              const follows = t => !!(words.compareDocumentPosition(byTitle(t)) & Node.DOCUMENT_POSITION_FOLLOWING);
              return {
                latency: info(byTitle('Latency from intended start')),
                lag: info(byTitle('Generator scheduling lag')),
                cpu: info(byTitle('Generator CPU')),
                underWords: follows('Generator scheduling lag') && follows('Generator CPU'),
                names: Array.from(document.querySelectorAll('#names-over-time + .multiples svg.chart')).map(info),
              };
            }
            """);

        var axis = charts.GetProperty("latency").GetProperty("ticks").GetString();
        Assert.True(charts.GetProperty("underWords").GetBoolean());
        foreach (var name in new[] { "lag", "cpu" })
        {
            var chart = charts.GetProperty(name);
            Assert.False(chart.GetProperty("noData").GetBoolean());
            Assert.Equal(2, chart.GetProperty("drawn").GetInt32());
            Assert.Equal(axis, chart.GetProperty("ticks").GetString());
        }

        Assert.Contains("scheduling lag p99", charts.GetProperty("lag").GetProperty("legend").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("Pacer's CPU", charts.GetProperty("cpu").GetProperty("legend").EnumerateArray().Select(e => e.GetString()));

        // The plan's four names, each with p50, p95 and p99 drawn over the run's own time axis.
        var names = charts.GetProperty("names").EnumerateArray().ToList();
        Assert.Equal(["list sessions", "create session", "login", "health"], names.Select(n => n.GetProperty("title").GetString()));
        Assert.All(names, n =>
        {
            Assert.Equal(3, n.GetProperty("drawn").GetInt32());
            Assert.Equal(axis, n.GetProperty("ticks").GetString());
        });
        output.WriteLine($"screenshot: {await report.ScreenshotAsync("run-page-generator-and-names.png")}");
    }

    [Fact]
    public async Task HealthyRun_StatusCodesAndGenerator_ReadInWords()
    {
        await using var report = await OpenedReport.OpenAsync(chromium.Browser, run.RunReport);

        var statuses = await report.Page.Locator("table.statuses tbody tr").AllInnerTextsAsync();
        var generator = await report.Page.InnerTextAsync("p.generator");

        Assert.Contains(statuses, s => s.StartsWith("200", StringComparison.Ordinal));
        Assert.Contains(statuses, s => s.StartsWith("201", StringComparison.Ordinal));
        Assert.Matches("^Pacer (kept up|was saturated)", generator);
        Assert.Contains("scheduling lag p50", generator, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NothingSucceeded_IsTheFirstThingOnThePage_AndRequestsPerSecondStaysVisible()
    {
        await using var report = await OpenedReport.OpenAsync(chromium.Browser, more.FailingReport);
        var page = report.Page;

        var first = await page.EvaluateAsync<string>("() => document.querySelector('h1').nextElementSibling.innerText");
        var firstTop = await page.EvaluateAsync<double>("() => document.querySelector('.nothing-succeeded').getBoundingClientRect().top");
        var verdictTop = await page.EvaluateAsync<double>("() => document.querySelector('.verdict:not(.nothing-succeeded)').getBoundingClientRect().top");
        var throughput = await page.EvaluateAsync<JsonElement>("""
            () => {
              const svg = document.querySelector('svg.chart');
              const groups = Array.from(svg.querySelectorAll('g.series'));
              const index = name => groups.findIndex(g => g.classList.contains(name));
              const requests = groups[index('series-1')].querySelector('path.line');
              const errors = groups[index('series-2')].querySelector('path.line');
              return {
                title: svg.querySelector('title').textContent,
                requestsAfterErrors: index('series-1') > index('series-2'),
                requestsLength: requests.getTotalLength(),
                requestsDash: getComputedStyle(requests).strokeDasharray,
                errorsDash: getComputedStyle(errors).strokeDasharray,
              };
            }
            """);

        Assert.StartsWith("Nothing succeeded: all ", first, StringComparison.Ordinal);
        Assert.Contains("requests failed (http_5xx ", first, StringComparison.Ordinal);
        Assert.True(firstTop < verdictTop);
        Assert.Equal("Throughput", throughput.GetProperty("title").GetString());
        Assert.True(throughput.GetProperty("requestsAfterErrors").GetBoolean(), "requests/s must be painted over errors/s");
        Assert.True(throughput.GetProperty("requestsLength").GetDouble() > 100);
        Assert.Equal("none", throughput.GetProperty("requestsDash").GetString());
        Assert.NotEqual("none", throughput.GetProperty("errorsDash").GetString());
        Assert.Equal("100.00%", await page.InnerTextAsync("[data-figure=errors] .tile-value"));
        Assert.DoesNotMatch("^0(\\.0)?/s$", await page.InnerTextAsync("[data-figure=rate] .tile-value"));
        output.WriteLine($"screenshot: {await report.ScreenshotAsync("run-page-failing.png")}");
    }

    [Fact]
    public async Task Journey_CustomMetricsChecksAndGroups_AreShown()
    {
        await using var report = await OpenedReport.OpenAsync(chromium.Browser, more.JourneyReport);
        var page = report.Page;

        var metricTiles = await page.EvaluateAsync<string[]>("() => Array.from(document.querySelectorAll('.headline.custom .tile')).map(t => t.dataset.metric + '=' + t.querySelector('.tile-value').innerText)");
        var charts = await report.ChartsAsync();
        var checks = await page.Locator("table.checks tbody tr").CountAsync();
        var groups = await page.Locator("table.groups tbody tr td:first-child").AllInnerTextsAsync();

        Assert.Equal(2, metricTiles.Length);
        Assert.Matches("^command_execution_time=[0-9.]+ ?(µs|ms|s) p95$", metricTiles[0]);
        Assert.Matches("^session_creation_rate=[0-9.]+%$", metricTiles[1]);
        var trend = Assert.Single(charts, c => c.Title == "command_execution_time by percentile");
        trend.AssertDrawn(minWidth: 600, minHeight: 150);
        Assert.Equal(3, checks);
        Assert.Equal(["Session Management"], groups);
        output.WriteLine($"screenshot: {await report.ScreenshotAsync("run-page-journey.png")}");
    }
}
