using System.Text.Json;

namespace Pacer.Cli.Tests.Browser;

/// <summary>
/// The run page's WebSocket section as a reader sees it in headless Chromium, from a real run of the seed's WebSocket journey
/// (examples/session-websocket.yaml) against the demo target: the figures, the round trip table, and the charts over time drawn.
/// </summary>
[Collection(nameof(BrowserCollection))]
public sealed class WebSocketPageInBrowserTests(HeadlessChromium chromium, WebSocketRunReport run) : IClassFixture<WebSocketRunReport>
{
    [Fact]
    public async Task WebSocketRun_Section_ShowsTheFiguresAndDrawsItsCharts()
    {
        await using var report = await OpenedReport.OpenAsync(chromium.Browser, run.Report);

        var section = await report.Page.EvaluateAsync<JsonElement>("""
            () => {
              const s = document.querySelector('section.websocket');
              return {
                heading: s.querySelector('h2').innerText,
                tiles: Object.fromEntries(Array.from(s.querySelectorAll('.tile')).map(t => [t.dataset.figure, t.querySelector('.tile-value').innerText])),
                rows: Array.from(s.querySelectorAll('table.websocket tbody tr')).map(r => r.dataset.key),
                rttCount: s.querySelector('table.websocket tbody tr[data-key="ws_msg_rtt"] td:nth-child(3)').innerText,
                titles: Array.from(s.querySelectorAll('svg.chart title')).map(t => t.textContent),
                drawn: Array.from(s.querySelectorAll('svg.chart')).map(svg => Array.from(svg.querySelectorAll('g.series path.line')).filter(p => p.getTotalLength() > 0).length),
                width: s.querySelector('svg.chart').getBoundingClientRect().width,
              };
            }
            """);

        Assert.Equal("WebSocket", section.GetProperty("heading").GetString());
        var tiles = section.GetProperty("tiles");
        Assert.Matches("^[1-9][0-9,]*$", tiles.GetProperty("sessions").GetString()!);
        Assert.Matches("^[1-9][0-9,]*$", tiles.GetProperty("sent").GetString()!);
        Assert.Equal("0", tiles.GetProperty("ws errors").GetString());
        Assert.Matches("(µs|ms)$", tiles.GetProperty("round trip p95").GetString()!);
        Assert.Contains("ws_msg_rtt", section.GetProperty("rows").EnumerateArray().Select(r => r.GetString()));
        Assert.Matches("^[1-9][0-9,]*$", section.GetProperty("rttCount").GetString()!);
        Assert.Equal(
            ["WebSocket messages", "WebSocket message round trip from intended send", "WebSocket message round trip by percentile"],
            section.GetProperty("titles").EnumerateArray().Select(t => t.GetString()));

        // Sent and received per second, and p50, p95, p99 per second: every line drawn.
        Assert.Equal(2, section.GetProperty("drawn")[0].GetInt32());
        Assert.Equal(3, section.GetProperty("drawn")[1].GetInt32());
        Assert.True(section.GetProperty("width").GetDouble() > 900);
        Assert.Empty(report.ConsoleErrors);
    }
}

/// <summary>The run page of the seed's WebSocket journey against the demo target, made as a user makes it (<c>pacer run --html</c>).</summary>
public sealed class WebSocketRunReport : IAsyncLifetime
{
    /// <summary>The page.</summary>
    public string Report { get; } = CliRunner.TempFile("websocket-report.html");

    public async Task InitializeAsync()
    {
        await using var target = await DemoTarget.DemoTargetHost.StartAsync(new DemoTarget.DemoTargetOptions());
        var example = await File.ReadAllTextAsync(Path.Combine(RepoRoot(), "examples", "session-websocket.yaml"));

        // The example's journey as written, for 3 s: its think time stays, so a few users give every second its messages.
        var journey = example[..(example.IndexOf("\nload:", StringComparison.Ordinal) + 1)];
        var plan = CliRunner.TempFile("websocket-report.yaml");
        await File.WriteAllTextAsync(plan, journey + "load: {model: closed, vus: 6, duration: 3s}\nthresholds:\n  ws_errors: [\"count<1\"]\n");
        var (exit, text, error) = await CliRunner.RunAsync("run", plan, "--target", target.BaseAddress.ToString(), "--html", Report, "--out", CliRunner.TempFile("websocket-report.json"), "-q");
        if (exit != 0 || !File.Exists(Report))
        {
            throw new InvalidOperationException($"pacer run {plan} exited {exit}: {error}{text}");
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Pacer.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
    }
}
