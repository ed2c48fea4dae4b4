using System.Xml.Linq;
using Pacer.Reports.Charts;

namespace Pacer.Reports.Tests.Charts;

public sealed class SvgLineChartTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public void Render_TwoSeries_IsWellFormedSvgImageWithTitle()
    {
        var svg = XElement.Parse(Chart(Series("p50", 30), Series("p99", 30)).Render());

        Assert.Equal(Svg + "svg", svg.Name);
        Assert.Equal("img", svg.Attribute("role")?.Value);
        Assert.Equal("latency over time", svg.Element(Svg + "title")?.Value);
    }

    [Fact]
    public void Render_TwoSeries_LabelsBothAxesWithTicks()
    {
        var svg = XElement.Parse(Chart(Series("p50", 30)).Render());
        var texts = svg.Descendants(Svg + "text").Select(t => t.Value).ToList();

        Assert.Contains("elapsed (s)", texts);
        Assert.Contains("latency (ms)", texts);
        Assert.Equal(2, svg.Descendants(Svg + "line").Count(l => l.Attribute("class")?.Value.StartsWith("axis", StringComparison.Ordinal) == true));
        var xTicks = svg.Descendants(Svg + "g").Single(g => g.Attribute("class")?.Value == "ticks x-ticks");
        var yTicks = svg.Descendants(Svg + "g").Single(g => g.Attribute("class")?.Value == "ticks y-ticks");
        Assert.True(xTicks.Elements(Svg + "text").Count() >= 2);
        Assert.True(yTicks.Elements(Svg + "text").Count() >= 2);
        Assert.Contains("0", xTicks.Elements(Svg + "text").Select(t => t.Value));
    }

    [Fact]
    public void Render_ThreeSeries_HasOnePathEachWithItsClassAndALegend()
    {
        var svg = XElement.Parse(Chart(Series("a", 100), Series("b", 100), Series("c", 100)).Render());

        Assert.Equal(3, svg.Descendants(Svg + "path").Count());
        Assert.Equal(
            ["series series-a", "series series-b", "series series-c"],
            svg.Descendants(Svg + "path").Select(p => p.Parent!.Attribute("class")!.Value));
        var legend = svg.Descendants(Svg + "g").Single(g => g.Attribute("class")?.Value == "legend");
        Assert.Equal(["a", "b", "c"], legend.Descendants(Svg + "text").Select(t => t.Value));
    }

    [Fact]
    public void Render_Any_RefersToNoUrlButTheSvgNamespace()
    {
        var markup = Chart(Series("p50", 30), Series("http://evil", 2)).Render();

        Assert.Contains("xmlns=\"http://www.w3.org/2000/svg\"", markup, StringComparison.Ordinal);
        // The series name above is text, so it is allowed; strip both before looking for anything else.
        var rest = markup.Replace("http://www.w3.org/2000/svg", string.Empty, StringComparison.Ordinal).Replace("http://evil", string.Empty, StringComparison.Ordinal);
        Assert.DoesNotContain("http", rest, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("href", rest, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Render_Any_HasNoInlineColour()
    {
        var svg = XElement.Parse(Chart(Series("p50", 30)).Render());
        var attributes = svg.DescendantsAndSelf().SelectMany(e => e.Attributes()).ToList();

        Assert.DoesNotContain(attributes, a => a.Name.LocalName is "stroke" or "style" or "color");
        Assert.All(attributes.Where(a => a.Name.LocalName == "fill"), a => Assert.Equal("none", a.Value));
    }

    [Fact]
    public void Render_NoSeries_DrawsAxesAndNoData()
    {
        var svg = XElement.Parse(new SvgLineChart { Title = "empty", XLabel = "x", YLabel = "y" }.Render());

        Assert.Contains(svg.Descendants(Svg + "text"), t => t.Value == "no data");
        Assert.Empty(svg.Descendants(Svg + "path"));
        Assert.Contains(svg.Descendants(Svg + "text"), t => t.Value == "x");
        Assert.Contains(svg.Descendants(Svg + "text"), t => t.Value == "y");
        Assert.True(svg.Descendants(Svg + "line").Count() >= 2);
    }

    [Fact]
    public void Render_AllSeriesEmptyOrNaN_DrawsNoDataWithoutThrowing()
    {
        var chart = Chart(new ChartSeries("a", [], "a"), new ChartSeries("b", [(double.NaN, 1), (1, double.PositiveInfinity)], "b"));

        var svg = XElement.Parse(chart.Render());

        Assert.Contains(svg.Descendants(Svg + "text"), t => t.Value == "no data");
        Assert.Empty(svg.Descendants(Svg + "path"));
    }

    [Fact]
    public void Render_SinglePoint_DrawsAPathAndADot()
    {
        var svg = XElement.Parse(Chart(new ChartSeries("only", [(5, 12.5)], "only")).Render());

        Assert.Single(svg.Descendants(Svg + "path"));
        var dot = Assert.Single(svg.Descendants(Svg + "circle"));
        Assert.Equal("5", dot.Attribute("data-x")?.Value);
        Assert.Equal("12.5", dot.Attribute("data-y")?.Value);
        Assert.DoesNotContain(svg.Descendants(Svg + "text"), t => t.Value == "no data");
    }

    [Fact]
    public void Render_ShortAndLongSeries_DotsOnlyTheShortOne()
    {
        var svg = XElement.Parse(Chart(Series("short", 60), Series("long", 61)).Render());

        Assert.Equal(60, svg.Descendants(Svg + "circle").Count());
    }

    [Fact]
    public void Render_LongSeries_DownsamplesTheLineToAThousandPoints()
    {
        var svg = XElement.Parse(Chart(Series("long", 20_000)).Render());

        var d = svg.Descendants(Svg + "path").Single().Attribute("d")!.Value;
        Assert.Equal(SvgLineChart.MaxPointsPerSeries, d.Split(' ').Length);
        Assert.Equal(SvgLineChart.MaxPointsPerSeries, svg.Descendants(Svg + "g").Single(g => g.Attribute("class")?.Value == "hover").Elements().Count());
    }

    [Fact]
    public void Render_UnsortedPoints_AreSortedRatherThanRejected()
    {
        var svg = XElement.Parse(Chart(new ChartSeries("s", [(3, 1), (1, 2), (2, 3)], "s")).Render());

        Assert.Equal(["1", "2", "3"], svg.Descendants(Svg + "circle").Select(c => c.Attribute("data-x")!.Value));
    }

    [Fact]
    public void Render_HoverLayer_HasARectPerXWithEachSeriesValue()
    {
        var chart = Chart(new ChartSeries("p50", [(0, 1), (1, 2)], "a"), new ChartSeries("p99", [(0, 10), (1, 20.5), (2, 30)], "b"));

        var hover = XElement.Parse(chart.Render()).Descendants(Svg + "g").Single(g => g.Attribute("class")?.Value == "hover");

        var rects = hover.Elements(Svg + "rect").ToList();
        Assert.Equal(3, rects.Count);
        Assert.Equal("1", rects[1].Attribute("data-x")?.Value);
        Assert.Equal("2;20.5", rects[1].Attribute("data-y")?.Value);
        Assert.Equal("p50: 2; p99: 20.5", rects[1].Attribute("data-values")?.Value);
        Assert.Equal(";30", rects[2].Attribute("data-y")?.Value);
        Assert.Equal("p99: 30", rects[2].Attribute("data-values")?.Value);
        Assert.Equal("0", hover.Attribute("fill-opacity")?.Value);
    }

    [Fact]
    public void Render_MarkupInText_IsEscaped()
    {
        var chart = new SvgLineChart
        {
            Title = "<script>alert(1)</script> & \"quotes\"\u0001",
            XLabel = "a < b",
            YLabel = "c > d",
            Series = [new ChartSeries("<b>name</b>", [(0, 1), (1, 2)], "x\" onload=\"bad")],
        };

        var markup = chart.Render();
        var svg = XElement.Parse(markup);

        Assert.DoesNotContain("<script>", markup, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", markup, StringComparison.Ordinal);
        Assert.Equal("<script>alert(1)</script> & \"quotes\"", svg.Element(Svg + "title")?.Value);
        Assert.Contains(svg.Descendants(Svg + "text"), t => t.Value == "a < b");
        Assert.DoesNotContain(svg.DescendantsAndSelf().SelectMany(e => e.Attributes()), a => a.Name.LocalName == "onload");
    }

    [Fact]
    public void Render_NinesScale_LabelsPercentileTicks()
    {
        var points = new[] { 0, 50, 90, 99, 99.9, 99.99, 99.999, 100 }.Select((p, i) => (p, (double)i + 1)).ToList();
        var chart = new SvgLineChart { Title = "latency by percentile", XLabel = "percentile", YLabel = "ms", XScale = ChartXScale.Nines, Series = [new ChartSeries("all", points, "s1")] };

        var svg = XElement.Parse(chart.Render());

        var xTicks = svg.Descendants(Svg + "g").Single(g => g.Attribute("class")?.Value == "ticks x-ticks");
        Assert.Equal(["0%", "90%", "99%", "99.9%", "99.99%", "99.999%"], xTicks.Elements(Svg + "text").Select(t => t.Value));
        Assert.Contains(svg.Descendants(Svg + "circle"), c => c.Attribute("data-x")?.Value == "99.99%");
    }

    [Fact]
    public void Render_StepSeries_DrawsLevelsAndJumpsWithoutSlopesOrDots()
    {
        var points = new List<(double X, double Y)> { (0, 1), (50, 2), (90, 5), (99, 5) };
        var chart = new SvgLineChart { Title = "steps", XScale = ChartXScale.Nines, Series = [new ChartSeries("all", points, "s1") { Step = true }] };

        var svg = XElement.Parse(chart.Render());

        var d = svg.Descendants(Svg + "path").Single(p => p.Attribute("class")?.Value == "line").Attribute("d")!.Value;
        Assert.DoesNotContain(" L", d, StringComparison.Ordinal);
        Assert.Equal(3, d.Split(" H").Length - 1);
        Assert.Equal(3, d.Split(" V").Length - 1);
        Assert.Empty(svg.Descendants(Svg + "circle"));
    }

    [Fact]
    public void Render_ShowLegendOff_DrawsNoLegend()
    {
        var with = XElement.Parse(Chart(Series("a", 5)).Render());
        var without = XElement.Parse(new SvgLineChart { Title = "t", ShowLegend = false, Series = [Series("a", 5)] }.Render());

        Assert.Single(with.Descendants(Svg + "g"), g => g.Attribute("class")?.Value == "legend");
        Assert.DoesNotContain(without.Descendants(Svg + "g"), g => g.Attribute("class")?.Value == "legend");
    }

    [Fact]
    public void Render_NinesEnd_EndsTheAxisAndItsTicksThere()
    {
        var points = new List<(double X, double Y)> { (0, 1), (99.5, 2) };
        var chart = new SvgLineChart { Title = "t", XScale = ChartXScale.Nines, NinesEnd = 99.5, Series = [new ChartSeries("all", points, "s1")] };

        var svg = XElement.Parse(chart.Render());

        var xTicks = svg.Descendants(Svg + "g").Single(g => g.Attribute("class")?.Value == "ticks x-ticks");
        Assert.Equal(["0%", "90%", "99%"], xTicks.Elements(Svg + "text").Select(t => t.Value));
        var axisEnd = svg.Descendants(Svg + "line").Single(l => l.Attribute("class")?.Value == "axis x-axis").Attribute("x2")!.Value;
        Assert.Equal(axisEnd, svg.Descendants(Svg + "circle").Last().Attribute("cx")!.Value);
    }

    [Fact]
    public void Render_TinySize_StillRendersWithoutNegativeSizes()
    {
        var svg = XElement.Parse(new SvgLineChart { Width = 1, Height = 1, Series = [Series("a", 5)] }.Render());

        Assert.DoesNotContain(svg.DescendantsAndSelf().SelectMany(e => e.Attributes()), a => a.Name.LocalName is "width" or "height" && a.Value.StartsWith('-'));
    }

    [Fact]
    public void Render_TimeSeriesEndingBetweenTicks_EndsTheAxisAtTheLastPoint()
    {
        // 1..31 s: round ticks would run to 40 s and leave a quarter of the chart empty.
        var points = Enumerable.Range(1, 31).Select(t => ((double)t, 5.0)).ToList();
        var svg = XElement.Parse(Chart(new ChartSeries("p50", points, "series-1")).Render());

        var xTicks = svg.Descendants(Svg + "g").Single(g => g.Attribute("class")?.Value == "ticks x-ticks").Elements(Svg + "text").Select(t => t.Value).ToList();
        var axis = svg.Descendants(Svg + "line").Single(l => l.Attribute("class")?.Value == "axis x-axis");
        var path = svg.Descendants(Svg + "path").Single(p => p.Attribute("class")?.Value == "line").Attribute("d")!.Value;
        var lastX = path.Split(' ')[^1].Split(',')[0].TrimStart('L', 'M');

        Assert.Equal(["0", "10", "20", "30"], xTicks);
        Assert.Equal(axis.Attribute("x2")!.Value, lastX);
    }

    [Fact]
    public void Render_TimeSeriesEndingJustShortOfATick_KeepsThatTick()
    {
        var points = Enumerable.Range(1, 20).Select(t => (t - 0.002, 5.0)).ToList();
        var svg = XElement.Parse(Chart(new ChartSeries("p50", points, "series-1")).Render());

        var xTicks = svg.Descendants(Svg + "g").Single(g => g.Attribute("class")?.Value == "ticks x-ticks").Elements(Svg + "text").Select(t => t.Value).ToList();

        Assert.Equal("20", xTicks[^1]);
    }

    private static SvgLineChart Chart(params ChartSeries[] series) =>
        new() { Title = "latency over time", XLabel = "elapsed (s)", YLabel = "latency (ms)", Series = series };

    private static ChartSeries Series(string name, int count) =>
        new(name, Enumerable.Range(0, count).Select(i => ((double)i, 10 + (5 * Math.Sin(i / 7.0)))).ToList(), "series-" + name);
}
