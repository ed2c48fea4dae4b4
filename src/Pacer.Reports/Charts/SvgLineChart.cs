using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Pacer.Reports.Charts;

/// <summary>
/// A line chart rendered as one self-contained inline <c>&lt;svg&gt;</c> element for the HTML report: axes with ticks and labels, one path
/// per series, a legend, dots for short series, and an invisible hover layer whose rectangles carry the exact values for a small script.
/// Colours come only from CSS classes so the page's light and dark themes both apply; nothing refers to an external URL.
/// </summary>
internal sealed class SvgLineChart
{
    /// <summary>The most points drawn per series; longer series are downsampled with <see cref="Lttb"/>.</summary>
    public const int MaxPointsPerSeries = 1000;

    /// <summary>Series with at most this many points also get a dot per point.</summary>
    public const int MaxPointsWithDots = 60;

    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private const double MarginLeft = 64;
    // Room for half of the last x tick label ("99.999%" on the nines axis) so it is not clipped.
    private const double MarginRight = 32;
    private const double MarginTop = 32;
    private const double MarginBottom = 44;
    private const double TickLength = 5;
    private const int ApproxTicks = 5;

    /// <summary>The chart's title, shown above it and read out by screen readers.</summary>
    public string Title { get; init; } = string.Empty;

    /// <summary>The x axis label, with its unit.</summary>
    public string XLabel { get; init; } = string.Empty;

    /// <summary>The y axis label, with its unit.</summary>
    public string YLabel { get; init; } = string.Empty;

    /// <summary>Width in pixels (the view box; the page may scale it).</summary>
    public int Width { get; init; } = 720;

    /// <summary>Height in pixels (the view box; the page may scale it).</summary>
    public int Height { get; init; } = 260;

    /// <summary>The lines to draw, in legend order.</summary>
    public IReadOnlyList<ChartSeries> Series { get; init; } = [];

    /// <summary>How the x axis is laid out.</summary>
    public ChartXScale XScale { get; init; } = ChartXScale.Linear;

    /// <summary>
    /// A value the y axis reaches even when the data stays below it (null: the data alone decides). Charts shown side by side pass
    /// the larger of their maxima, so equal heights mean equal values and one run's spikes do not look like the other's.
    /// </summary>
    public double? YAxisAtLeast { get; init; }

    /// <summary>Where a <see cref="ChartXScale.Nines"/> axis ends (null: at <see cref="NinesScale.MaxPercentile"/>); the data's last supported percentile.</summary>
    public double? NinesEnd { get; init; }

    /// <summary>Whether the legend is drawn; a chart of one series whose title names it needs none, and a small one has no room.</summary>
    public bool ShowLegend { get; init; } = true;

    /// <summary>The most points drawn per series of this chart (<see cref="MaxPointsPerSeries"/>; fewer for a small multiple, which has fewer pixels).</summary>
    public int MaxPoints { get; init; } = MaxPointsPerSeries;

    /// <summary>
    /// An x range the axis spans at least, whatever the data: small multiples over time share the run's time axis, so a name
    /// busy only in the second half is drawn there and not stretched over the whole width. Null: the data's own range.
    /// </summary>
    public (double Min, double Max)? XDomain { get; init; }

    /// <summary>Vertical lines across the plot with a label at their top, such as the last percentile the sample count supports.</summary>
    public IReadOnlyList<ChartMarker> Markers { get; init; } = [];

    /// <summary>The chart as an <c>&lt;svg&gt;</c> element; never throws for empty or odd data (no series, empty series, NaN values).</summary>
    public string Render()
    {
        // Tiny sizes would give a negative plot area; clamp rather than throw.
        var width = Math.Max(Width, (int)(MarginLeft + MarginRight) + 40);
        var height = Math.Max(Height, (int)(MarginTop + MarginBottom) + 40);
        var plot = new PlotArea(MarginLeft, MarginTop, width - MarginRight, height - MarginBottom);

        var series = Series.Select(s => (Source: s, Points: Prepare(s.Points, s.Step, Math.Max(3, MaxPoints)))).ToList();
        var hasData = series.Any(s => s.Points.Count > 0);
        var allPoints = series.SelectMany(s => s.Points).ToList();

        // Latency and throughput read honestly only from zero, so the y axis always includes it.
        var yScale = LinearScale.FromValues(allPoints.Select(p => p.Y).Append(0).Append(YAxisAtLeast ?? 0), plot.Bottom, plot.Top).Nice(ApproxTicks);
        var xAxis = XAxis.Create(XScale, XDomain is { } domain ? allPoints.Append((domain.Min, 0)).Append((domain.Max, 0)) : allPoints, plot, ApproxTicks, NinesEnd);

        var svg = new XElement(
            Svg + "svg",
            new XAttribute("viewBox", $"0 0 {width} {height}"),
            new XAttribute("width", width),
            new XAttribute("height", height),
            new XAttribute("role", "img"),
            new XAttribute("class", "chart"),
            new XElement(Svg + "title", Clean(Title)),
            new XElement(Svg + "text", new XAttribute("class", "chart-title"), Attr("x", MarginLeft), Attr("y", 18), Clean(Title)));

        svg.Add(Axes(plot, xAxis, yScale), XLabelElement(plot), YLabelElement(plot));
        if (!hasData)
        {
            svg.Add(new XElement(
                Svg + "text",
                new XAttribute("class", "no-data"),
                Attr("x", (plot.Left + plot.Right) / 2),
                Attr("y", (plot.Top + plot.Bottom) / 2),
                new XAttribute("text-anchor", "middle"),
                "no data"));
        }

        foreach (var (source, points) in series.Where(s => s.Points.Count > 0))
        {
            svg.Add(Line(source, points, xAxis, yScale));
        }

        foreach (var marker in Markers.Where(m => double.IsFinite(m.X)))
        {
            var x = xAxis.Map(marker.X);
            svg.Add(new XElement(
                Svg + "g",
                new XAttribute("class", "marker"),
                Element("line", "marker-line", ("x1", x), ("y1", plot.Top), ("x2", x), ("y2", plot.Bottom)),
                Text("marker-label", x - 4, plot.Top + 12, "end", marker.Label)));
        }

        if (ShowLegend)
        {
            svg.Add(Legend(series.Select(s => s.Source).ToList(), plot));
        }

        if (hasData)
        {
            svg.Add(HoverLayer(series, xAxis, plot));
        }

        return svg.ToString(SaveOptions.DisableFormatting);
    }

    private static List<(double X, double Y)> Prepare(IReadOnlyList<(double X, double Y)>? points, bool step, int maxPoints)
    {
        if (points is null)
        {
            return [];
        }

        // Sorting here means Lttb's ascending-x rule never throws for data handed over in another order.
        var clean = points.Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y)).OrderBy(p => p.X).ToList();

        // LTTB would cut corners off a step curve; step curves come out of histograms already bounded by their maker.
        return step ? clean : Lttb.Downsample(clean, maxPoints).ToList();
    }

    private static IEnumerable<XElement> Axes(PlotArea plot, XAxis xAxis, LinearScale yScale)
    {
        yield return Element("line", "axis x-axis", ("x1", plot.Left), ("y1", plot.Bottom), ("x2", plot.Right), ("y2", plot.Bottom));
        yield return Element("line", "axis y-axis", ("x1", plot.Left), ("y1", plot.Top), ("x2", plot.Left), ("y2", plot.Bottom));

        var xTicks = new XElement(Svg + "g", new XAttribute("class", "ticks x-ticks"));
        foreach (var tick in xAxis.Ticks)
        {
            var x = xAxis.Map(tick);
            xTicks.Add(Element("line", "tick", ("x1", x), ("y1", plot.Bottom), ("x2", x), ("y2", plot.Bottom + TickLength)));
            xTicks.Add(Text("tick-label", x, plot.Bottom + TickLength + 12, "middle", xAxis.Format(tick)));
        }

        yield return xTicks;

        var yTicks = new XElement(Svg + "g", new XAttribute("class", "ticks y-ticks"));
        foreach (var tick in yScale.Ticks(ApproxTicks))
        {
            var y = yScale.Map(tick);
            if (Math.Abs(y - plot.Bottom) > 0.5)
            {
                // A dashed grid line on top of the x axis would make the axis itself look dashed.
                yTicks.Add(Element("line", "grid", ("x1", plot.Left), ("y1", y), ("x2", plot.Right), ("y2", y)));
            }

            yTicks.Add(Element("line", "tick", ("x1", plot.Left - TickLength), ("y1", y), ("x2", plot.Left), ("y2", y)));
            yTicks.Add(Text("tick-label", plot.Left - TickLength - 3, y + 4, "end", yScale.Format(tick)));
        }

        yield return yTicks;
    }

    private XElement XLabelElement(PlotArea plot) => Text("axis-label x-label", (plot.Left + plot.Right) / 2, plot.Bottom + 38, "middle", XLabel);

    private XElement YLabelElement(PlotArea plot)
    {
        var x = 14.0;
        var y = (plot.Top + plot.Bottom) / 2;
        var label = Text("axis-label y-label", x, y, "middle", YLabel);
        label.Add(new XAttribute("transform", $"rotate(-90 {Number(x)} {Number(y)})"));
        return label;
    }

    private static XElement Line(ChartSeries source, List<(double X, double Y)> points, XAxis xAxis, LinearScale yScale)
    {
        var group = new XElement(Svg + "g", new XAttribute("class", $"series {Clean(source.CssClass)}"));
        var d = new StringBuilder();
        foreach (var (x, y) in points)
        {
            if (d.Length == 0)
            {
                d.Append('M').Append(Number(xAxis.Map(x))).Append(',').Append(Number(yScale.Map(y)));
            }
            else if (source.Step)
            {
                // The previous value holds up to this x, then the line jumps to this value.
                d.Append(" H").Append(Number(xAxis.Map(x))).Append(" V").Append(Number(yScale.Map(y)));
            }
            else
            {
                d.Append(" L").Append(Number(xAxis.Map(x))).Append(',').Append(Number(yScale.Map(y)));
            }
        }

        // fill="none" is not a colour: without it a path is filled black, which no theme wants.
        group.Add(new XElement(Svg + "path", new XAttribute("class", "line"), new XAttribute("fill", "none"), new XAttribute("d", d.ToString())));
        if (points.Count <= MaxPointsWithDots && !source.Step)
        {
            foreach (var (x, y) in points)
            {
                group.Add(new XElement(
                    Svg + "circle",
                    new XAttribute("class", "point"),
                    Attr("cx", xAxis.Map(x)),
                    Attr("cy", yScale.Map(y)),
                    new XAttribute("r", "2.5"),
                    new XAttribute("data-x", xAxis.FormatValue(x)),
                    new XAttribute("data-y", LinearScale.FormatNumber(y))));
            }
        }

        return group;
    }

    private static XElement Legend(IReadOnlyList<ChartSeries> series, PlotArea plot)
    {
        var legend = new XElement(Svg + "g", new XAttribute("class", "legend"));
        // Text width is guessed (about 7 px a character at the report's font size): good enough to right-align the legend.
        var widths = series.Select(s => 28 + (7 * Clean(s.Name).Length)).ToList();
        var x = plot.Right - widths.Sum();
        for (var i = 0; i < series.Count; i++)
        {
            var item = new XElement(Svg + "g", new XAttribute("class", $"legend-item {Clean(series[i].CssClass)}"));
            item.Add(Element("line", "legend-swatch", ("x1", x), ("y1", 14), ("x2", x + 16), ("y2", 14)));
            item.Add(Text("legend-label", x + 20, 18, "start", series[i].Name));
            legend.Add(item);
            x += widths[i];
        }

        return legend;
    }

    private static XElement HoverLayer(List<(ChartSeries Source, List<(double X, double Y)> Points)> series, XAxis xAxis, PlotArea plot)
    {
        var layer = new XElement(Svg + "g", new XAttribute("class", "hover"), new XAttribute("fill-opacity", "0"));
        var xs = series.SelectMany(s => s.Points.Select(p => p.X)).Distinct().Order().ToList();
        var byX = series.Select(s => s.Points.GroupBy(p => p.X).ToDictionary(g => g.Key, g => g.Last().Y)).ToList();
        for (var i = 0; i < xs.Count; i++)
        {
            // Each bucket reaches halfway to its neighbours, so the rectangles tile the plot without gaps or overlaps.
            var centre = xAxis.Map(xs[i]);
            var left = i == 0 ? plot.Left : (xAxis.Map(xs[i - 1]) + centre) / 2;
            var right = i == xs.Count - 1 ? plot.Right : (centre + xAxis.Map(xs[i + 1])) / 2;
            var values = new List<string>();
            var ys = new List<string>();
            for (var s = 0; s < series.Count; s++)
            {
                if (byX[s].TryGetValue(xs[i], out var y))
                {
                    values.Add($"{Clean(series[s].Source.Name)}: {LinearScale.FormatNumber(y)}");
                    ys.Add(LinearScale.FormatNumber(y));
                }
                else
                {
                    ys.Add(string.Empty);
                }
            }

            layer.Add(new XElement(
                Svg + "rect",
                Attr("x", left),
                Attr("y", plot.Top),
                Attr("width", Math.Max(0, right - left)),
                Attr("height", plot.Bottom - plot.Top),
                new XAttribute("data-x", xAxis.FormatValue(xs[i])),
                new XAttribute("data-y", string.Join(';', ys)),
                new XAttribute("data-values", string.Join("; ", values))));
        }

        return layer;
    }

    private static XElement Element(string name, string cssClass, params (string Name, double Value)[] attributes)
    {
        var element = new XElement(Svg + name, new XAttribute("class", cssClass));
        foreach (var (attributeName, value) in attributes)
        {
            element.Add(Attr(attributeName, value));
        }

        return element;
    }

    private static XElement Text(string cssClass, double x, double y, string anchor, string text) =>
        new(Svg + "text", new XAttribute("class", cssClass), Attr("x", x), Attr("y", y), new XAttribute("text-anchor", anchor), Clean(text));

    private static XAttribute Attr(string name, double value) => new(name, Number(value));

    private static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    // XElement escapes markup characters itself but rejects characters XML cannot hold at all (control characters), so drop those.
    private static string Clean(string? text) =>
        string.IsNullOrEmpty(text) ? string.Empty : string.Concat(text.Where(c => XmlConvert.IsXmlChar(c) || char.IsSurrogate(c)));
}
