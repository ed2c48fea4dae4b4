using System.Globalization;
using System.Text;
using Pacer.Core.Plans;
using Pacer.Core.Results;
using Pacer.Reports.Charts;
using Units = Pacer.Reports.Formatting.Units;

namespace Pacer.Reports.Html;

/// <summary>
/// A plan's own metrics (<c>metrics:</c> fed by steps' <c>record:</c>): rates, counters and gauges as figures, trends as
/// figures and a chart by percentile. Before, they showed only as threshold rows, and not at all without a threshold.
/// </summary>
internal static class CustomMetrics
{
    /// <summary>
    /// The custom metrics of <paramref name="result"/>, by name: those Pacer does not record itself, without tag filters. The
    /// <c>ws_*</c> metrics are shown in the WebSocket section instead.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, MetricResult>> Of(RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return [.. result.Metrics
            .Where(m => !KnownMetrics.Kinds.ContainsKey(m.Key) && !m.Key.Contains('{', StringComparison.Ordinal)
                && !KnownMetrics.WebSocket.ContainsKey(m.Key) && !m.Key.StartsWith("ws_", StringComparison.Ordinal))
            .OrderBy(m => m.Key, StringComparer.Ordinal)];
    }

    /// <summary>The trend charts: each trend's latency by percentile, as steps up to where its samples end.</summary>
    public static List<SvgLineChart> TrendCharts(RunResult result) =>
        [.. Of(result)
            .Where(m => m.Value.Type == "trend")
            .Select(m => (m.Key, Curve: SpectrumCurve.FromEncoded(m.Value.Histogram, m.Value.Min ?? 0, m.Value.Max ?? double.MaxValue)))
            .Where(c => c.Curve is not null)
            .Select(c => new SvgLineChart
            {
                Width = 1200,
                Height = 300,
                Title = c.Key + " by percentile",
                XLabel = "percentile",
                YLabel = "value (ms)",
                XScale = ChartXScale.Nines,
                NinesEnd = c.Curve!.End,
                Markers = c.Curve.Markers(),
                Series = [new ChartSeries(c.Key, c.Curve.Points, "series-3") { Step = true }],
            })];

    /// <summary>The section: figures for every custom metric, then the trends' charts; nothing when the plan declared none.</summary>
    public static void Write(StringBuilder html, RunResult result)
    {
        ArgumentNullException.ThrowIfNull(html);
        var metrics = Of(result);
        if (metrics.Count == 0)
        {
            return;
        }

        html.Append("<h2 id=\"custom-metrics\">Custom metrics</h2>\n<div class=\"headline custom\">\n");
        foreach (var (name, m) in metrics)
        {
            var (value, sub) = Figure(m);
            html.Append("<div class=\"tile\" data-metric=\"").Append(HtmlPage.Encode(name)).Append("\"><span class=\"tile-label\">").Append(HtmlPage.Encode(name))
                .Append("</span><span class=\"tile-value\">").Append(HtmlPage.Encode(value)).Append("</span><span class=\"tile-sub\">")
                .Append(HtmlPage.Encode(sub)).Append("</span></div>\n");
        }

        html.Append("</div>\n");
        foreach (var chart in TrendCharts(result))
        {
            HtmlPage.WideFigure(html, chart.Render());
        }
    }

    /// <summary>A metric's headline value and the line under it, by kind.</summary>
    internal static (string Value, string Sub) Figure(MetricResult m) => m.Type switch
    {
        "rate" => (Units.Percent(m.Rate ?? 0), $"rate · {Units.Count(m.Passes ?? 0)} of {Units.Count((m.Passes ?? 0) + (m.Fails ?? 0))} non-zero"),
        "counter" => (Units.Count(m.Count ?? 0), $"counter · {Units.Rate(m.Rate ?? 0)}"),
        "gauge" => (Number(m.Value), $"gauge · min {Number(m.Min)} · max {Number(m.Max)}"),
        "trend" when m.Count is 0 or null => (Units.Missing, "trend · no samples"),
        "trend" => (Units.Duration(m.P95 ?? double.NaN) + " p95", $"trend · {Units.Count(m.Count ?? 0)} samples · p50 {Units.Duration(m.P50 ?? double.NaN)} · p99 {Units.Duration(m.P99 ?? double.NaN)}"),
        _ => (Units.Missing, m.Type),
    };

    private static string Number(double? v) => v is { } x ? Units.Number(x) : Units.Missing;
}
