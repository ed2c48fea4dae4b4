using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Pacer.DemoTarget;
using Xunit.Abstractions;

namespace Pacer.Cli.Tests.Browser;

/// <summary>
/// The HTML report of a real run against the demo target, opened in headless Chromium: what a reader sees, not what the writer
/// meant to write. One run serves every test here (a run takes seconds; rendering it is what is under test).
/// </summary>
[Collection(nameof(BrowserCollection))]
public sealed class RunReportInBrowserTests(HeadlessChromium chromium, RunReportInBrowserTests.DemoRunReport run, ITestOutputHelper output)
    : IClassFixture<RunReportInBrowserTests.DemoRunReport>
{
    [Fact]
    public async Task Report_OpenedOffline_LoadsWithoutConsoleErrorsOrNetworkRequests()
    {
        await using var report = await OpenedReport.OpenAsync(chromium.Browser, run.HtmlPath);

        Assert.Empty(report.ConsoleErrors);
        Assert.Equal([report.Url], report.Requests);
        Assert.Contains("Pacer run", await report.Page.TitleAsync() + await report.Page.InnerTextAsync("h1"), StringComparison.Ordinal);
        output.WriteLine($"screenshot: {await report.ScreenshotAsync("run-report.png")}");
    }

    [Fact]
    public async Task Report_EveryChart_IsDrawnWithLabelledAxes()
    {
        await using var report = await OpenedReport.OpenAsync(chromium.Browser, run.HtmlPath);

        var charts = await report.ChartsAsync();

        Assert.Equal(4, charts.Count);
        Assert.All(charts, chart =>
        {
            Assert.NotEmpty(chart.Title);
            Assert.NotEmpty(chart.XLabel);
            Assert.NotEmpty(chart.YLabel);
            Assert.True(chart.TickLabels >= 4, $"{chart.Title}: {chart.TickLabels} tick labels");
            Assert.True(chart.DrawnLines >= 1, $"{chart.Title}: no line drawn");
            Assert.True(chart.Width > 300 && chart.Height > 150, $"{chart.Title}: laid out at {chart.Width}×{chart.Height}");
        });
        Assert.Contains(charts, c => c.XLabel == "percentile");
    }

    [Fact]
    public async Task Report_HoverOverCharts_ShowsItsValues()
    {
        await using var report = await OpenedReport.OpenAsync(chromium.Browser, run.HtmlPath);

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
            run.HtmlPath,
            new BrowserNewContextOptions { JavaScriptEnabled = false, ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });

        var verdict = await report.Page.InnerTextAsync(".verdict");
        var requestRows = await report.Page.Locator("table.requests tbody tr").CountAsync();
        var thresholdRows = await report.Page.Locator("table.thresholds tbody tr").CountAsync();

        Assert.Matches("PASSED|FAILED", verdict);
        Assert.Equal(4, requestRows);
        Assert.Equal(3, thresholdRows);
        Assert.Equal(4, (await report.ChartsAsync()).Count);
    }

    [Fact]
    public async Task Report_DarkSchemeAndPrint_ChangeTheLookNotTheContent()
    {
        await using var report = await OpenedReport.OpenAsync(chromium.Browser, run.HtmlPath);
        var light = await Background(report.Page);

        await report.Page.EmulateMediaAsync(new PageEmulateMediaOptions { ColorScheme = ColorScheme.Dark });
        var dark = await Background(report.Page);
        output.WriteLine($"screenshot: {await report.ScreenshotAsync("run-report-dark.png")}");
        await report.Page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print, ColorScheme = ColorScheme.Light });
        var tooltipDisplay = await report.Page.EvaluateAsync<string>("() => getComputedStyle(document.getElementById('tooltip')).display");

        Assert.NotEqual(light, dark);
        Assert.Equal("none", tooltipDisplay);
        Assert.Equal(4, (await report.ChartsAsync()).Count);
    }

    private static Task<string> Background(IPage page) =>
        page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");

    private static Regex NumberAfterName(string name) => new($"{Regex.Escape(name)}: [0-9]", RegexOptions.CultureInvariant);

    /// <summary>A five-second open-model ramp against the demo target, written by <c>pacer run --html</c>.</summary>
    public sealed class DemoRunReport : IAsyncLifetime
    {
        public string HtmlPath { get; } = CliRunner.TempFile("run-report.html");

        public async Task InitializeAsync()
        {
            await using var target = await DemoTargetHost.StartAsync(new DemoTargetOptions());
            var plan = CliRunner.TempFile("run-report.yaml");
            await File.WriteAllTextAsync(plan, $$"""
                name: browser report
                target: {{target.BaseAddress}}
                requests:
                  - { name: list sessions, path: /api/sessions, weight: 6 }
                  - { name: create session, method: POST, path: /api/sessions, body: { name: demo }, weight: 2 }
                  - { name: login, method: POST, path: /auth/login, body: { username: demo, password: demo }, weight: 1 }
                  - { name: health, path: /health, weight: 1 }
                load:
                  model: open
                  stages:
                    - { duration: 2s, target: 200 }
                    - { duration: 3s, target: 200 }
                thresholds:
                  http_req_duration: ["p(95)<500ms", "p(99)<1s"]
                  http_req_failed: ["rate<0.01"]
                """);
            var (exit, text, error) = await CliRunner.RunAsync("run", plan, "--out", CliRunner.TempFile("run-report.json"), "--html", HtmlPath, "-q");
            if (!File.Exists(HtmlPath))
            {
                throw new InvalidOperationException($"pacer run exited {exit} without writing the report: {error}{text}");
            }
        }

        public Task DisposeAsync() => Task.CompletedTask;
    }
}
