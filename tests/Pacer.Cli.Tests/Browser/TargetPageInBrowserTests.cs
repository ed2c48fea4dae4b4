using System.Text.Json;
using Xunit.Abstractions;

namespace Pacer.Cli.Tests.Browser;

/// <summary>
/// Issue 17 on the run page in headless Chromium: the findings near the top, and the target's CPU (with its limit), memory and
/// counts drawn on the same time axis, at the same width, as the run's own throughput and latency.
/// </summary>
[Collection(nameof(BrowserCollection))]
public sealed class TargetPageInBrowserTests(HeadlessChromium chromium, TargetPageReport page, ITestOutputHelper output)
    : IClassFixture<TargetPageReport>
{
    [Fact]
    public async Task Findings_AreListedAboveTheFirstChart_WithTheCpuBoundFinding()
    {
        await using var report = await OpenedReport.OpenAsync(chromium.Browser, page.Report);

        var findings = await report.Page.EvaluateAsync<JsonElement>("""
            () => ({
              items: Array.from(document.querySelectorAll('ol.findings li')).map(li => ({ kind: li.dataset.kind, text: li.innerText })),
              bottom: document.querySelector('ol.findings').getBoundingClientRect().bottom,
              firstChart: document.querySelector('svg.chart').getBoundingClientRect().top,
            })
            """);

        // On a busy machine the generator may have been the limit too; it then comes first, and the CPU finding next.
        var items = findings.GetProperty("items").EnumerateArray().Select(i => (Kind: i.GetProperty("kind").GetString(), Text: i.GetProperty("text").GetString()!)).ToList();
        var cpu = Assert.Single(items, i => i.Kind == "CpuBound");
        // The second is the tick's own key (3.0, or later on a busy machine whose ticker ran late).
        Assert.Matches(@"^CPU-bound: the target used 1\.96 of 2 cores from second [3-9](\.[0-9]+)?, ", cpu.Text);
        Assert.Equal(items[0].Kind == "GeneratorLimited" ? 1 : 0, items.IndexOf(cpu));
        Assert.True(findings.GetProperty("bottom").GetDouble() < findings.GetProperty("firstChart").GetDouble());
        Assert.Empty(report.ConsoleErrors);
    }

    [Fact]
    public async Task TargetCharts_ShareTheLatencyChartsTimeAxisAndWidth_WithTheCpuLimitDrawn()
    {
        await using var report = await OpenedReport.OpenAsync(chromium.Browser, page.Report);

        var charts = await report.Page.EvaluateAsync<JsonElement>("""
            () => {
              const byTitle = t => Array.from(document.querySelectorAll('svg.chart')).find(s => s.querySelector('title').textContent === t);
              const info = svg => ({
                drawn: Array.from(svg.querySelectorAll('g.series path.line')).filter(p => p.getTotalLength() > 0).length,
                legend: Array.from(svg.querySelectorAll('.legend-label')).map(t => t.textContent),
                ticks: Array.from(svg.querySelectorAll('.x-ticks text')).map(t => t.textContent).join(' '),
                ylabel: svg.querySelector('.y-label').textContent,
                width: svg.getBoundingClientRect().width,
                top: svg.getBoundingClientRect().top,
              });
              return {
                latency: info(byTitle('Latency from intended start')),
                cpu: info(byTitle('Target CPU')),
                memory: info(byTitle('Target memory')),
                counts: info(byTitle('Target counts')),
                table: Array.from(document.querySelectorAll('table.target tbody tr td:first-child')).map(td => td.textContent),
              };
            }
            """);

        var latency = charts.GetProperty("latency");
        foreach (var name in new[] { "cpu", "memory", "counts" })
        {
            var chart = charts.GetProperty(name);
            Assert.Equal(latency.GetProperty("ticks").GetString(), chart.GetProperty("ticks").GetString());
            Assert.Equal(latency.GetProperty("width").GetDouble(), chart.GetProperty("width").GetDouble(), 1);
            Assert.True(chart.GetProperty("top").GetDouble() > latency.GetProperty("top").GetDouble());
        }

        var cpu = charts.GetProperty("cpu");
        Assert.Equal(["target_cpu", "limit (2 cores)"], cpu.GetProperty("legend").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(2, cpu.GetProperty("drawn").GetInt32());
        Assert.Equal("cores", cpu.GetProperty("ylabel").GetString());
        Assert.Equal("MB", charts.GetProperty("memory").GetProperty("ylabel").GetString());
        Assert.Equal(["target_cpu", "target_memory", "target_threads"], charts.GetProperty("table").EnumerateArray().Select(e => e.GetString()));
        output.WriteLine($"screenshot: {await report.ScreenshotAsync("run-page-target.png")}");
    }
}
