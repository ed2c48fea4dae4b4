using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Pacer.Cli.Tests.Browser;

/// <summary><c>pacer report BASE CURRENT --html</c> of two real runs against the demo target, opened in headless Chromium.</summary>
[Collection(nameof(BrowserCollection))]
public sealed class CompareReportInBrowserTests(HeadlessChromium chromium, DemoReports reports, ITestOutputHelper output)
{
    [Fact]
    public async Task CompareReport_OpenedOffline_LoadsWithoutConsoleErrorsOrNetworkRequests()
    {
        await using var report = await OpenedReport.OpenAsync(chromium.Browser, reports.CompareReport);

        Assert.Empty(report.ConsoleErrors);
        Assert.Equal([report.Url], report.Requests);
        Assert.Matches("REGRESSED|IMPROVED|NO CHANGE", await report.Page.InnerTextAsync(".verdict"));
        output.WriteLine($"screenshot: {await report.ScreenshotAsync("compare-report.png")}");
    }

    [Fact]
    public async Task CompareReport_EveryChart_IsDrawnWithLabelledAxes()
    {
        await using var report = await OpenedReport.OpenAsync(chromium.Browser, reports.CompareReport);

        var charts = await report.ChartsAsync();

        // The overlaid spectra, latency over time of each run (one under the other), and both runs' throughput.
        Assert.Equal(4, charts.Count);
        Assert.All(charts, chart => chart.AssertDrawn(minWidth: 250, minHeight: 100));
        var spectrum = Assert.Single(charts, c => c.XLabel == "percentile");
        Assert.Equal(2, spectrum.DrawnLines);
    }

    [Fact]
    public async Task CompareReport_HoverOverTheSpectrum_ShowsBothRuns()
    {
        await using var report = await OpenedReport.OpenAsync(chromium.Browser, reports.CompareReport);
        var charts = await report.ChartsAsync();
        var spectrum = charts.ToList().FindIndex(c => c.XLabel == "percentile");

        var tooltip = await report.HoverAsync(spectrum);

        Assert.NotNull(tooltip);
        Assert.Matches(new Regex("baseline: [0-9]", RegexOptions.CultureInvariant), tooltip);
        Assert.Matches(new Regex("current: [0-9]", RegexOptions.CultureInvariant), tooltip);
    }

    [Fact]
    public async Task CompareReport_VerdictTable_IsReadableWithScriptsOff()
    {
        await using var report = await OpenedReport.OpenAsync(
            chromium.Browser,
            reports.CompareReport,
            new Microsoft.Playwright.BrowserNewContextOptions { JavaScriptEnabled = false });

        var rows = await report.Page.Locator("table.verdicts tbody tr").AllInnerTextsAsync();

        Assert.NotEmpty(rows);
        Assert.Contains(rows, r => r.Contains("p99", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CompareReport_ChartsAndTheirText_AreTheRunPagesSize()
    {
        await using var runPage = await OpenedReport.OpenAsync(chromium.Browser, reports.RunReport);
        await using var comparePage = await OpenedReport.OpenAsync(chromium.Browser, reports.CompareReport);

        var run = await ChartLayout(runPage.Page);
        var compare = await ChartLayout(comparePage.Page);

        // The run page's charts are all one width; every compare chart matches it, and so does the drawn height of its tick labels
        // (side by side at half width, the page used to draw both smaller).
        output.WriteLine($"run: {string.Join(", ", run)}; compare: {string.Join(", ", compare)}");
        var (runWidth, runText) = (run.Max(c => c.Width), run.Max(c => c.TickText));
        Assert.All(compare, c =>
        {
            Assert.InRange(c.Width, runWidth * 0.98, runWidth * 1.02);
            Assert.InRange(c.TickText, runText * 0.95, runText * 1.05);
        });
    }

    [Fact]
    public async Task CompareReport_AxisLabels_AreWordedAsOnTheRunPage()
    {
        await using var runPage = await OpenedReport.OpenAsync(chromium.Browser, reports.RunReport);
        await using var comparePage = await OpenedReport.OpenAsync(chromium.Browser, reports.CompareReport);

        var runLabels = (await runPage.ChartsAsync()).SelectMany(c => new[] { c.XLabel, c.YLabel }).ToHashSet(StringComparer.Ordinal);
        var compareLabels = (await comparePage.ChartsAsync()).SelectMany(c => new[] { c.XLabel, c.YLabel }).Distinct().ToList();

        Assert.All(compareLabels, label => Assert.Contains(label, runLabels));
    }

    [Fact]
    public async Task CompareReport_KeyNumbersOfBothRuns_AreAtTheTopAndVerdictsWorstFirst()
    {
        await using var report = await OpenedReport.OpenAsync(chromium.Browser, reports.CompareReport);

        var keyTop = await Top(report.Page, "table.key-numbers");
        var firstChartTop = await Top(report.Page, "svg.chart");
        var keyRows = await report.Page.Locator("table.key-numbers tbody tr").AllInnerTextsAsync();
        var verdictClasses = await report.Page.EvaluateAsync<string[]>(
            "() => Array.from(document.querySelectorAll('table.verdicts tbody tr:not(.geomean) td:last-child')).map(td => td.className)");

        Assert.True(keyTop < firstChartTop, $"key numbers at {keyTop}px, first chart at {firstChartTop}px");
        Assert.True(keyTop < 600, $"key numbers start {keyTop}px down the page, below the first screen");
        var p99 = Assert.Single(keyRows, r => r.StartsWith("Latency p99", StringComparison.Ordinal));
        Assert.Matches(new Regex("Latency p99\\s+[0-9.,]+ ?(µs|ms|s)\\s+[0-9.,]+ ?(µs|ms|s)\\s+(regressed|improved|equivalent|inconclusive)", RegexOptions.CultureInvariant), p99);
        int Severity(string cls) => cls.Contains("bad", StringComparison.Ordinal) ? 0 : cls.Contains("warn", StringComparison.Ordinal) ? 1 : cls.Contains("ok", StringComparison.Ordinal) ? 2 : 3;
        var severities = verdictClasses.Select(Severity).ToList();
        Assert.Equal(severities.Order().ToList(), severities);
    }

    [Fact]
    public async Task CompareReport_DarkSchemeAndPrint_ChangeTheLookNotTheContent()
    {
        await using var report = await OpenedReport.OpenAsync(chromium.Browser, reports.CompareReport);
        var light = await report.Page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");

        await report.Page.EmulateMediaAsync(new PageEmulateMediaOptions { ColorScheme = ColorScheme.Dark });
        var dark = await report.Page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");
        output.WriteLine($"screenshot: {await report.ScreenshotAsync("compare-report-dark.png")}");
        await report.Page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print, ColorScheme = ColorScheme.Light });
        var tooltipDisplay = await report.Page.EvaluateAsync<string>("() => getComputedStyle(document.getElementById('tooltip')).display");

        Assert.NotEqual(light, dark);
        Assert.Equal("none", tooltipDisplay);
        Assert.Equal(4, (await report.ChartsAsync()).Count);
        Assert.NotEmpty(await report.Page.Locator("table.key-numbers tbody tr").AllInnerTextsAsync());
    }

    private static Task<double> Top(IPage page, string selector) =>
        page.EvaluateAsync<double>($"() => document.querySelector('{selector}').getBoundingClientRect().top + window.scrollY");

    /// <summary>Each chart's drawn width and the drawn height of its tallest tick label, in CSS pixels.</summary>
    private static async Task<IReadOnlyList<(double Width, double TickText)>> ChartLayout(IPage page)
    {
        var json = await page.EvaluateAsync<JsonElement>("""
            () => Array.from(document.querySelectorAll('svg.chart')).map(svg => ({
              width: svg.getBoundingClientRect().width,
              tick: Math.max(0, ...Array.from(svg.querySelectorAll('text.tick-label')).map(t => t.getBoundingClientRect().height)),
            }))
            """);
        return [.. json.EnumerateArray().Select(c => (Math.Round(c.GetProperty("width").GetDouble(), 1), Math.Round(c.GetProperty("tick").GetDouble(), 2)))];
    }
}
