using System.Text.RegularExpressions;
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

        // The overlaid spectra, latency over time of each run side by side, and both runs' throughput.
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
}
