using System.Text.RegularExpressions;
using Pacer.Core.Results;
using Pacer.Reports.Html;

namespace Pacer.Reports.Tests.Html;

/// <summary>
/// Issue 15's "generator lag and CPU over time" and "per request name: latency over time" on the run page, from the series the
/// result file now carries; files from before them get neither chart and no error.
/// </summary>
public sealed class GeneratorAndNameChartsTests
{
    private static RunResult WithGenerator()
    {
        // Four seconds and a 0.2 s sliver at the end; lag only where something was sent, CPU not measured in the sliver.
        var run = RunFixture.Load();
        var i = run.Series[0];
        return run with
        {
            Series =
            [
                i with { T = 1, GeneratorCpu = 0.10, GeneratorLagP99 = 0.5 },
                i with { T = 2, GeneratorCpu = 0.25, GeneratorLagP99 = null },
                i with { T = 3, GeneratorCpu = 0.95, GeneratorLagP99 = 12 },
                i with { T = 4, GeneratorCpu = 0.40, GeneratorLagP99 = 0.7 },
                i with { T = 4.2, GeneratorCpu = null, GeneratorLagP99 = 3 },
            ],
        };
    }

    [Fact]
    public void GeneratorCharts_LagInMsAndCpuInPercent_OnTheRunsTimeAxis()
    {
        var run = WithGenerator();

        var charts = RunHtmlWriter.GeneratorCharts(run);

        var lag = charts.Single(c => c.Title == "Generator scheduling lag");
        Assert.Equal([(1.0, 0.5), (3.0, 12), (4.0, 0.7)], lag.Series.Single(s => s.Name == "scheduling lag p99").Points);
        Assert.Equal([(1.0, 5.0), (4.0, 5.0)], lag.Series.Single(s => s.Name == "late above 5 ms").Points);
        var cpu = charts.Single(c => c.Title == "Generator CPU");
        Assert.Equal([10.0, 25, 95, 40], cpu.Series.Single(s => s.Name == "Pacer's CPU").Points.Select(p => Math.Round(p.Y, 6)));
        Assert.Equal($"% of {run.Generator!.Cores} cores", cpu.YLabel);
        Assert.All(charts, c => Assert.Equal((1.0, 4.0), c.XDomain));
    }

    [Fact]
    public void Write_GeneratorCharts_SitUnderTheGeneratorVerdictWords()
    {
        var html = RunHtmlWriter.Write(WithGenerator());

        var section = Regex.Match(html, "<h2 id=\"generator\">[\\s\\S]*?(?=<h2|$)").Value;
        Assert.Matches("<p class=\"generator (ok|bad)\">[\\s\\S]*Generator scheduling lag[\\s\\S]*Generator CPU", section);
        Assert.Equal(2, Regex.Matches(section, "<figure class=\"chart wide\">").Count);
    }

    [Fact]
    public void Write_AFileWithoutTheGeneratorSeries_HasNoGeneratorChart()
    {
        var html = RunHtmlWriter.Write(RunFixture.Load());

        Assert.Empty(RunHtmlWriter.GeneratorCharts(RunFixture.Load()));
        Assert.DoesNotContain("Generator scheduling lag", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"names-over-time\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void NameOverTimeCharts_OnePerNameWithASeries_BusiestFirst_OnTheRunsTimeAxis()
    {
        var run = WithGenerator();
        var template = run.Requests[0];
        run = run with
        {
            Requests =
            [
                template with { Name = "quiet", Requests = 10, Series = [new RequestInterval(2, 10, 0, 1, 2, 3, 4)] },
                template with { Name = "busy", Requests = 90, Series = [new RequestInterval(1, 40, 0, 1, 2, 3, 4), new RequestInterval(3, 50, 1, 2, 4, 6, 8), new RequestInterval(4.2, 1, 0, 9, 9, 9, 9)] },
                template with { Name = "no series", Requests = 50, Series = null },
            ],
        };

        var charts = RunHtmlWriter.NameOverTimeCharts(run);

        Assert.Equal(["busy", "quiet"], charts.Select(c => c.Title));
        var busy = charts[0];
        Assert.Equal(["p50", "p95", "p99"], busy.Series.Select(s => s.Name));

        // The sliver at 4.2 s is left out as on the run's own charts; the second without requests has no point, not a zero.
        Assert.Equal([(1.0, 3.0), (3.0, 6.0)], busy.Series.Single(s => s.Name == "p99").Points);
        Assert.All(charts, c => Assert.Equal((1.0, 4.0), c.XDomain));
        var html = RunHtmlWriter.Write(run);
        Assert.True(html.IndexOf("id=\"names-over-time\"", StringComparison.Ordinal) < html.IndexOf("id=\"distributions\"", StringComparison.Ordinal));
    }

    [Fact]
    public void NamesWithSeries_AreAsManyAsThePageDrawsAndTheLargeRunCarries()
    {
        Assert.Equal(Pacer.Core.Results.ResultBuilder.NamesWithSeries, RunHtmlWriter.MaxDistributionCharts);
        Assert.Equal(RunHtmlWriter.MaxDistributionCharts, LargeRun.NamesWithSeries);
    }

    [Fact]
    public void Write_OneHourWithTwoHundredNames_DrawsTheGeneratorAndTwelveNamesOverTime_AtMostThreeHundredPointsALine()
    {
        var large = LargeRun.From(RunFixture.Load());

        var html = RunHtmlWriter.Write(large);

        var section = Regex.Match(html, "<h2 id=\"names-over-time\">[\\s\\S]*?(?=<h2)").Value;
        Assert.Equal(RunHtmlWriter.MaxDistributionCharts, Regex.Matches(section, "<svg").Count);
        Assert.Contains($"The {RunHtmlWriter.MaxDistributionCharts} busiest of {LargeRun.RequestNames} request names", section, StringComparison.Ordinal);
        var lines = Regex.Matches(section, "<path class=\"line\" fill=\"none\" d=\"([^\"]*)\"").Select(m => m.Groups[1].Value.Split(" L").Length).ToList();
        Assert.Equal(3 * RunHtmlWriter.MaxDistributionCharts, lines.Count);
        Assert.All(lines, n => Assert.InRange(n, 250, 300));
        Assert.Contains("Generator scheduling lag", html, StringComparison.Ordinal);
    }
}
