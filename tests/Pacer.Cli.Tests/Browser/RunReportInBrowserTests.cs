using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Pacer.Cli.Tests.Browser;

/// <summary>
/// The HTML report of a real run against the demo target, opened in headless Chromium: what a reader sees, not what the writer
/// meant to write.
/// </summary>
[Collection(nameof(BrowserCollection))]
public sealed class RunReportInBrowserTests(HeadlessChromium chromium, DemoReports run, ITestOutputHelper output)
{
    private const int ChartsOnThePage = 15;

    [Fact]
    public async Task Report_OpenedOffline_LoadsWithoutConsoleErrorsOrNetworkRequests()
    {
        await using var report = await OpenedReport.OpenAsync(chromium.Browser, run.RunReport);

        Assert.Empty(report.ConsoleErrors);
        Assert.Equal([report.Url], report.Requests);
        Assert.Contains("Pacer run", await report.Page.TitleAsync() + await report.Page.InnerTextAsync("h1"), StringComparison.Ordinal);
        output.WriteLine($"screenshot: {await report.ScreenshotAsync("run-report.png")}");
    }

    [Fact]
    public async Task Report_EveryChart_IsDrawnWithLabelledAxes()
    {
        await using var report = await OpenedReport.OpenAsync(chromium.Browser, run.RunReport);

        var charts = await report.ChartsAsync();

        // Throughput, latency, requests in flight, iterations in progress, the percentile chart of latency, service and queue
        // time, one latency over time and one latency distribution per request name (four each), and the generator's lag and CPU.
        Assert.Equal(ChartsOnThePage, charts.Count);
        Assert.All(charts, chart =>
        {
            Assert.NotEmpty(chart.Title);
            chart.AssertDrawn(minWidth: 300, minHeight: 150);
        });
        Assert.Contains(charts, c => c.XLabel == "percentile");
    }

    [Fact]
    public async Task Report_HoverOverCharts_ShowsItsValues()
    {
        await using var report = await OpenedReport.OpenAsync(chromium.Browser, run.RunReport);

        var throughput = await report.HoverAsync(0);
        var latency = await report.HoverAsync(1);

        Assert.NotNull(throughput);
        Assert.Matches(NumberAfterName("requests/s"), throughput);
        Assert.NotNull(latency);
        Assert.Matches(NumberAfterName("p99"), latency);
        output.WriteLine($"tooltips: '{throughput}' / '{latency}'");
    }

    [Fact]
    public async Task Report_TablesAndVerdict_AreReadableWithScriptsOff()
    {
        await using var report = await OpenedReport.OpenAsync(
            chromium.Browser,
            run.RunReport,
            new BrowserNewContextOptions { JavaScriptEnabled = false, ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });

        var verdict = await report.Page.InnerTextAsync(".verdict");
        var requestRows = await report.Page.Locator("table.requests tbody tr").CountAsync();
        var thresholdRows = await report.Page.Locator("table.thresholds tbody tr").CountAsync();

        Assert.Matches("PASSED|FAILED", verdict);
        Assert.Equal(4, requestRows);
        Assert.Equal(3, thresholdRows);
        Assert.Equal(ChartsOnThePage, (await report.ChartsAsync()).Count);
    }

    [Fact]
    public async Task Report_DarkSchemeAndPrint_ChangeTheLookNotTheContent()
    {
        await using var report = await OpenedReport.OpenAsync(chromium.Browser, run.RunReport);
        var light = await Background(report.Page);

        await report.Page.EmulateMediaAsync(new PageEmulateMediaOptions { ColorScheme = ColorScheme.Dark });
        var dark = await Background(report.Page);
        output.WriteLine($"screenshot: {await report.ScreenshotAsync("run-report-dark.png")}");
        await report.Page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print, ColorScheme = ColorScheme.Light });
        var tooltipDisplay = await report.Page.EvaluateAsync<string>("() => getComputedStyle(document.getElementById('tooltip')).display");

        Assert.NotEqual(light, dark);
        Assert.Equal("none", tooltipDisplay);
        Assert.Equal(ChartsOnThePage, (await report.ChartsAsync()).Count);
    }

    private static Task<string> Background(IPage page) =>
        page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");

    private static Regex NumberAfterName(string name) => new($"{Regex.Escape(name)}: [0-9]", RegexOptions.CultureInvariant);
}
