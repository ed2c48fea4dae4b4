using System.Text;
using Pacer.Core.Results;
using Pacer.Reports.Charts;
using Pacer.Reports.Formatting;

namespace Pacer.Reports.Html;

/// <summary>
/// The watched target over time (docs/watching.md): one full-width chart per kind of value — CPU in cores with the target's
/// limit, memory, shares of time, events per second, bytes per second, counts, durations — on the time axis of the run's
/// throughput and latency charts, so p99 climbing as the CPU reaches its limit reads straight down the page. Every number is
/// also in the table under them, with each source's errors.
/// </summary>
internal static class TargetCharts
{
    /// <summary>The most lines one chart draws; the rest of its metrics are in the table.</summary>
    internal const int MaxSeriesPerChart = 6;

    /// <summary>A limit line is drawn only when the data reaches a quarter of it: 16 GB of MemTotal over a 200 MB process would flatten the line.</summary>
    private const double LimitInView = 0.25;

    private static readonly (string Unit, string Title)[] Kinds =
    [
        ("cores", "Target CPU"),
        ("bytes", "Target memory"),
        ("ratio", "Target shares of time"),
        ("per_second", "Target events per second"),
        ("bytes_per_second", "Target bytes per second"),
        ("count", "Target counts"),
        ("ms", "Target durations"),
    ];

    private static readonly (double Size, string Name)[] ByteScales = [(1e9, "GB"), (1e6, "MB"), (1e3, "kB"), (1, "B")];

    /// <summary>The section: its charts, the table of every metric, and the sources' errors; nothing when nothing was watched.</summary>
    public static void Write(StringBuilder html, RunResult result)
    {
        if (result.Target is not { } target)
        {
            return;
        }

        html.Append("<h2 id=\"target\">The target over time</h2>\n");
        foreach (var chart in Charts(result))
        {
            HtmlPage.WideFigure(html, chart.Render());
        }

        if (target.Metrics.Count > 0)
        {
            html.Append("<table class=\"target\">\n<thead><tr><th>metric</th><th class=\"text\">source</th><th>mean</th><th>p95</th><th>max</th><th>last</th><th>limit</th></tr></thead>\n<tbody>\n");
            foreach (var m in target.Metrics)
            {
                html.Append("<tr><td>").Append(E(m.Name)).Append("</td><td class=\"text\">").Append(E(m.Source)).Append("</td>")
                    .Append(HtmlPage.Td(Value(m.Mean, m.Unit))).Append(HtmlPage.Td(Value(m.P95, m.Unit))).Append(HtmlPage.Td(Value(m.Max, m.Unit)))
                    .Append(HtmlPage.Td(Value(m.Last, m.Unit))).Append(HtmlPage.Td(m.Limit is { } limit ? Value(limit, m.Unit) : Units.Missing)).Append("</tr>\n");
            }

            html.Append("</tbody>\n</table>\n");
        }

        html.Append("<ul class=\"target-sources\">\n");
        foreach (var s in target.Sources)
        {
            html.Append("<li>").Append(E(s.Kind)).Append(' ').Append(E(s.Address)).Append(": ").Append(E(Units.Count(s.Samples))).Append(" seconds read")
                .Append(s.Errors.Count > 0 ? "; <span class=\"bad\">" + E(string.Join("; ", s.Errors)) + "</span>" : string.Empty)
                .Append(s.Notes is { Count: > 0 } notes ? "; <span class=\"note\">note: " + E(string.Join("; ", notes)) + "</span>" : string.Empty)
                .Append(s.Log is { } log ? "; output in " + E(log) : string.Empty).Append("</li>\n");
        }

        html.Append("</ul>\n");
    }

    /// <summary>One chart per unit the watched metrics have, in the order of <see cref="Kinds"/>, on the run's time axis.</summary>
    internal static List<SvgLineChart> Charts(RunResult result)
    {
        if (result.Target is not { } target)
        {
            return [];
        }

        var seconds = IntervalRates.WholeSeconds(result.Series);
        (double, double)? domain = seconds.Count == 0 ? null : (seconds.Min(i => i.T), seconds.Max(i => i.T));
        var charts = new List<SvgLineChart>();
        foreach (var (unit, title) in Kinds)
        {
            var metrics = target.Metrics.Where(m => m.Unit == unit && m.Series.Count > 0).Take(MaxSeriesPerChart).ToList();
            if (metrics.Count == 0)
            {
                continue;
            }

            var (scale, label) = Scale(unit, metrics);
            var series = new List<ChartSeries>();
            for (var i = 0; i < metrics.Count; i++)
            {
                var m = metrics[i];
                var name = target.Metrics.Count(o => o.Name == m.Name) > 1 ? $"{m.Name} ({m.Source})" : m.Name;
                series.Add(new ChartSeries(name, [.. m.Series.Select(p => (p.T, p.V / scale))], $"series-{(i % 5) + 1}"));
            }

            // The limit of the first metric that has one (target_cpu's cores), drawn across the run's time axis like the plan's target.
            if (metrics.FirstOrDefault(m => m.Limit is > 0) is { } limited && domain is var (from, to)
                && limited.Max >= LimitInView * limited.Limit!.Value)
            {
                series.Add(new ChartSeries($"limit ({Value(limited.Limit.Value, unit)})", [(from, limited.Limit.Value / scale), (to, limited.Limit.Value / scale)], "series-6 series-target"));
            }

            charts.Add(new SvgLineChart
            {
                Width = HtmlPage.FullChartWidth,
                Height = HtmlPage.FullChartHeight,
                Title = title,
                XLabel = "time (s)",
                YLabel = label,
                XDomain = domain,
                Series = series,
            });
        }

        return charts;
    }

    /// <summary>What the y values are divided by, and the axis label: bytes in the largest decimal unit their maximum reaches, ratios in %.</summary>
    private static (double Scale, string Label) Scale(string unit, List<TargetMetricResult> metrics)
    {
        var max = metrics.Max(m => m.Max);
        var bytes = ByteScales.FirstOrDefault(s => max >= s.Size, ByteScales[^1]);
        return unit switch
        {
            "cores" => (1, "cores"),
            "bytes" => (bytes.Size, bytes.Name),
            "bytes_per_second" => (bytes.Size, bytes.Name + "/s"),
            "ratio" => (0.01, "% of the time"),
            "per_second" => (1, "per second"),
            "ms" => (1, "ms"),
            _ => (1, "count"),
        };
    }

    /// <summary>A watched value in its unit, as every report writes that unit.</summary>
    internal static string Value(double value, string unit) => unit switch
    {
        "bytes" => Units.Bytes(value),
        "bytes_per_second" => Units.ByteRate(value),
        "ratio" => Units.Percent(value),
        "per_second" => Units.Rate(value),
        "ms" => Units.Duration(value),
        "cores" => Units.Number(value) + (value == 1 ? " core" : " cores"),
        _ => Units.Number(value),
    };

    private static string E(string? text) => HtmlPage.Encode(text);
}
