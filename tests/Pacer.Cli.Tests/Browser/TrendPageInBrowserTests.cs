using System.Text.Json;
using Microsoft.Playwright;
using Pacer.Analysis.History;
using Pacer.Reports.Html;
using Pacer.Reports.Tests.Html;
using Xunit.Abstractions;

namespace Pacer.Cli.Tests.Browser;

/// <summary>
/// The history trend page (issue 20) in headless Chromium, over the seeded 30-run history of examples/sample-trend.html: every
/// series drawn with its runs as points and its change points marked, hover naming the run and commit, click showing the run.
/// </summary>
[Collection(nameof(BrowserCollection))]
public sealed class TrendPageInBrowserTests(HeadlessChromium chromium, ITestOutputHelper output)
{
    private static readonly Lazy<string> Page = new(() =>
    {
        var (series, expected) = TrendSample.Build();
        var report = HistoryCheck.Run(series, new HistoryCheckOptions { Expected = expected });
        var path = CliRunner.TempFile("trend.html");
        File.WriteAllText(path, TrendHtmlWriter.Write(series, report, new TrendPageOptions("checkout", new Dictionary<long, string> { [20] = "runs/20.html" })));
        return path;
    });

    [Fact]
    public async Task TrendPage_DrawsEverySeriesWithItsRunsAndChangeMarkers_Offline()
    {
        await using var report = await OpenedReport.OpenAsync(chromium.Browser, Page.Value);

        var charts = await report.ChartsAsync();
        var figures = await report.Page.EvaluateAsync<JsonElement>("""
            () => Array.from(document.querySelectorAll('figure.trend')).map(f => ({
              series: f.dataset.series,
              points: Array.from(f.querySelectorAll('g.series circle.point')).filter(c => c.getBoundingClientRect().width > 0).length,
              markers: Array.from(f.querySelectorAll('g.marker text')).map(t => t.textContent),
              markerBoxes: Array.from(f.querySelectorAll('g.marker line')).filter(l => l.getBoundingClientRect().height > 50).length,
            }))
            """);

        Assert.Empty(report.ConsoleErrors);
        Assert.Equal([report.Url], report.Requests);
        Assert.StartsWith("REGRESSED", await report.Page.InnerTextAsync(".verdict"), StringComparison.Ordinal);
        Assert.Equal(8, charts.Count);
        Assert.All(charts, chart => chart.AssertDrawn(minWidth: 250, minHeight: 100));
        var all = figures.EnumerateArray().ToList();
        Assert.All(all, f => Assert.Equal(30, f.GetProperty("points").GetInt32()));
        var cart = Assert.Single(all, f => f.GetProperty("series").GetString() == "checkout · GET /cart · p50");
        Assert.Matches(@"^▲ \+2\d\.\d%$", Assert.Single(cart.GetProperty("markers").EnumerateArray()).GetString());
        Assert.Equal(1, cart.GetProperty("markerBoxes").GetInt32());
        output.WriteLine($"screenshot: {await report.ScreenshotAsync("trend-page.png")}");
    }

    [Fact]
    public async Task HoverOnARun_NamesItsCommit_ClickShowsItsFiguresAndReportLink()
    {
        await using var report = await OpenedReport.OpenAsync(chromium.Browser, Page.Value);
        var run20 = report.Page.Locator("figure.trend").First.Locator("g.hover rect[data-x='20']");

        await run20.HoverAsync(new LocatorHoverOptions { Force = true });
        var tooltip = await report.Page.InnerTextAsync("#tooltip");
        await run20.ClickAsync(new LocatorClickOptions { Force = true });
        var details = report.Page.Locator("#run-details");

        Assert.StartsWith("run #20 · ", tooltip, StringComparison.Ordinal);
        Assert.Equal("20", await details.GetAttributeAsync("data-run"));
        Assert.StartsWith("Run #20 · ", await details.Locator("h3").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(8, await details.Locator("tr").CountAsync());
        Assert.Equal("runs/20.html", await details.Locator("a").GetAttributeAsync("href"));
        Assert.Empty(report.ConsoleErrors);
    }

    [Fact]
    public async Task WithScriptsOff_ChangeTableAndEveryRunsFiguresAreThere()
    {
        await using var report = await OpenedReport.OpenAsync(chromium.Browser, Page.Value, new BrowserNewContextOptions { JavaScriptEnabled = false });

        Assert.True(await report.Page.Locator("table.changes tbody tr").CountAsync() >= 4);
        Assert.Equal(30, await report.Page.Locator("table.runs tbody tr").CountAsync());
    }
}
