using System.Text.RegularExpressions;
using Pacer.Reports.Html;

namespace Pacer.Reports.Tests.Html;

/// <summary>Issue 17's target over time on the run page: CPU in cores with its limit, memory, the other counters, on the run's time axis.</summary>
public sealed class TargetChartsTests
{
    [Fact]
    public void Charts_OnePerUnit_InCoresBytesCountsAndRates_OnTheRunsTimeAxis()
    {
        var charts = TargetCharts.Charts(WatchedRun.CpuBound());

        Assert.Equal(["Target CPU", "Target memory", "Target events per second", "Target counts"], charts.Select(c => c.Title));
        Assert.All(charts, c => Assert.Equal((1.0, 30.0), c.XDomain));
        Assert.All(charts, c => Assert.Equal((HtmlPage.FullChartWidth, HtmlPage.FullChartHeight), (c.Width, c.Height)));
        var cpu = charts[0];
        Assert.Equal(["target_cpu", "target_cpu_user", "limit (2 cores)"], cpu.Series.Select(s => s.Name));
        Assert.Equal([(1.0, 2.0), (30.0, 2.0)], cpu.Series[2].Points);
        Assert.Contains("series-target", cpu.Series[2].CssClass, StringComparison.Ordinal);
        Assert.Equal("cores", cpu.YLabel);
        Assert.Equal(1.96, cpu.Series[0].Points.Single(p => p.X == 14).Y);
    }

    [Fact]
    public void Charts_MemoryInMegabytes_WithoutALimitLineFarAboveTheData()
    {
        var memory = TargetCharts.Charts(WatchedRun.CpuBound()).Single(c => c.Title == "Target memory");

        Assert.Equal("MB", memory.YLabel);
        Assert.Equal(["target_memory"], memory.Series.Select(s => s.Name));
        Assert.Equal(181.0, memory.Series[0].Points.Single(p => p.X == 1).Y, 9);
    }

    [Fact]
    public void Write_TargetSection_FollowsTheOverTimeCharts_WithATableAndTheSourcesErrorsThenNotes()
    {
        var html = RunHtmlWriter.Write(WatchedRun.CpuBound());

        var overTime = html.IndexOf("<h2 id=\"over-time\">", StringComparison.Ordinal);
        var target = html.IndexOf("<h2 id=\"target\">The target over time</h2>", StringComparison.Ordinal);
        Assert.True(overTime > 0 && target > overTime);
        var section = Regex.Match(html, "<h2 id=\"target\">[\\s\\S]*?(?=<h2)").Value;
        Assert.Equal(4, Regex.Matches(section, "<figure class=\"chart wide\">").Count);
        Assert.Contains("<tr><td>target_cpu</td><td class=\"text\">pid</td><td>1.46 cores</td>", section, StringComparison.Ordinal);
        Assert.Contains("<td>181 MB</td>", section, StringComparison.Ordinal);
        Assert.Contains("<td>16.0 GB</td>", section, StringComparison.Ordinal);
        Assert.Contains("pid 4242: 30 seconds read; <span class=\"bad\">1&#215; could not read /proc/4242/io: permission denied</span>; <span class=\"note\">note: process 4242 is in Pacer&#39;s own network namespace</span>", section, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_NothingWatched_HasNoTargetSection()
    {
        var html = RunHtmlWriter.Write(RunFixture.Load());

        Assert.DoesNotContain("id=\"target\"", html, StringComparison.Ordinal);
        Assert.Empty(TargetCharts.Charts(RunFixture.Load()));
    }
}
