using System.Text.Json;
using Microsoft.Playwright;

namespace Pacer.Cli.Tests.Browser;

/// <summary>A report file opened in a fresh browser context, with everything the page did on the way: console errors,
/// uncaught script errors and every network request it made.</summary>
internal sealed class OpenedReport : IAsyncDisposable
{
    private readonly IBrowserContext context;
    private readonly List<string> consoleErrors = [];
    private readonly List<string> requests = [];

    private OpenedReport(IBrowserContext context, IPage page, string url)
    {
        this.context = context;
        Page = page;
        Url = url;
    }

    public IPage Page { get; }

    /// <summary>The file:// address the report was opened from.</summary>
    public string Url { get; }

    /// <summary>Console messages of type error, and uncaught exceptions.</summary>
    public IReadOnlyList<string> ConsoleErrors => consoleErrors;

    /// <summary>Every URL the page requested, the report itself included.</summary>
    public IReadOnlyList<string> Requests => requests;

    public static async Task<OpenedReport> OpenAsync(IBrowser browser, string path, BrowserNewContextOptions? options = null)
    {
        var context = await browser.NewContextAsync(options ?? new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        var url = new Uri(Path.GetFullPath(path)).AbsoluteUri;
        var report = new OpenedReport(context, page, url);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                report.consoleErrors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => report.consoleErrors.Add(error);
        page.Request += (_, request) => report.requests.Add(request.Url);
        await page.GotoAsync(url, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        return report;
    }

    /// <summary>What each full-size chart (<c>svg.chart</c>) on the page shows, read from the rendered DOM.</summary>
    public async Task<IReadOnlyList<RenderedChart>> ChartsAsync()
    {
        var json = await Page.EvaluateAsync<JsonElement>("""
            () => Array.from(document.querySelectorAll('svg.chart')).map(svg => {
              const box = svg.getBoundingClientRect();
              const text = sel => { const t = svg.querySelector(sel); return t ? t.textContent : ''; };
              return {
                title: text('title'),
                xLabel: text('text.x-label'),
                yLabel: text('text.y-label'),
                tickLabels: svg.querySelectorAll('text.tick-label').length,
                drawnLines: Array.from(svg.querySelectorAll('g.series path.line'))
                  .filter(p => p.getTotalLength() > 0).length,
                width: box.width,
                height: box.height,
              };
            })
            """);
        return [.. json.EnumerateArray().Select(c => new RenderedChart(
            c.GetProperty("title").GetString()!,
            c.GetProperty("xLabel").GetString()!,
            c.GetProperty("yLabel").GetString()!,
            c.GetProperty("tickLabels").GetInt32(),
            c.GetProperty("drawnLines").GetInt32(),
            c.GetProperty("width").GetDouble(),
            c.GetProperty("height").GetDouble()))];
    }

    /// <summary>Moves the mouse over the middle of chart <paramref name="chartIndex"/>'s plot and returns the tooltip's text, or null when none shows.</summary>
    public async Task<string?> HoverAsync(int chartIndex)
    {
        var targets = Page.Locator("svg.chart").Nth(chartIndex).Locator("g.hover rect");
        var count = await targets.CountAsync();
        if (count == 0)
        {
            return null;
        }

        await targets.Nth(count / 2).HoverAsync(new LocatorHoverOptions { Force = true });
        var tooltip = Page.Locator("#tooltip");
        return await tooltip.IsVisibleAsync() ? await tooltip.InnerTextAsync() : null;
    }

    /// <summary>Saves a full-page screenshot under the artifact directory and returns its path.</summary>
    public async Task<string> ScreenshotAsync(string name)
    {
        Directory.CreateDirectory(HeadlessChromium.ArtifactDirectory);
        var path = Path.Combine(HeadlessChromium.ArtifactDirectory, name);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    public async ValueTask DisposeAsync() => await context.DisposeAsync();
}

/// <summary>One chart as the browser laid it out.</summary>
internal sealed record RenderedChart(string Title, string XLabel, string YLabel, int TickLabels, int DrawnLines, double Width, double Height)
{
    /// <summary>Asserts that the chart is drawn and readable: both axes labelled, ticks labelled, a line of non-zero length, a real size.</summary>
    public void AssertDrawn(double minWidth, double minHeight)
    {
        Assert.False(string.IsNullOrEmpty(XLabel), $"{Title}: no x axis label");
        Assert.False(string.IsNullOrEmpty(YLabel), $"{Title}: no y axis label");
        Assert.True(TickLabels >= 4, $"{Title}: {TickLabels} tick labels");
        Assert.True(DrawnLines >= 1, $"{Title}: no line drawn");
        Assert.True(Width > minWidth && Height > minHeight, $"{Title}: laid out at {Width}×{Height}");
    }
}
