using System.Text;
using Pacer.Core.Results;
using Pacer.Reports.Charts;
using Pacer.Reports.WebSockets;
using Units = Pacer.Reports.Formatting.Units;

namespace Pacer.Reports.Html;

/// <summary>
/// The run page's WebSocket section, only for a run that used WebSockets: the sessions and messages as figures, every ws trend
/// by percentile in a table (the message round trip as a whole and per step first), the failed WebSocket steps by kind, and
/// over time the messages sent and received per second and the round trip's percentiles per second, read from the run's
/// per-second series (<see cref="IntervalResult.Metrics"/>), on the time axis of the run's other charts.
/// </summary>
internal static class WebSocketSection
{
    /// <summary>The round trip's percentiles by step on one chart; more steps than this would be a tangle, the table has them all.</summary>
    private const int MaxSpectrumLines = 6;

    public static void Write(StringBuilder html, RunResult result)
    {
        ArgumentNullException.ThrowIfNull(html);
        if (WebSocketFigures.Of(result) is not { } ws)
        {
            return;
        }

        html.Append("<section class=\"websocket\" aria-labelledby=\"websocket\">\n<h2 id=\"websocket\">WebSocket</h2>\n<div class=\"headline ws\">\n");
        var rtt = ws.AllRoundTrips;
        var connecting = ws.Trends.FirstOrDefault(t => t.Metric == "ws_connecting" && t.Tags.Count == 0);
        Tile(html, "sessions", Units.Count(ws.Sessions), "sockets opened", null);
        Tile(html, "sent", Units.Count(ws.Sent), Units.Rate(ws.SentRate) + " messages", null);
        Tile(html, "received", Units.Count(ws.Received), Units.Rate(ws.ReceivedRate) + " messages", null);
        Tile(html, "unmatched", Units.Count(ws.Unmatched), "passed over by a step", null);
        Tile(html, "ws errors", Units.Count(ws.Errors), "failed WebSocket steps", ws.Errors > 0 ? "bad" : "ok");
        Tile(html, "connect p95", Percentile(connecting, f => f.P95), "handshake", null);
        Tile(html, "round trip p95", Percentile(rtt, f => f.P95), "intended send to reply", null);
        html.Append("</div>\n");

        TrendTable(html, ws);
        ErrorTable(html, ws);
        var charts = Charts(result);
        if (charts.Count == 0)
        {
            html.Append("<p class=\"note\">This result file's per-second series has no WebSocket figures (a file from before it had them), so no WebSocket charts over time.</p>\n");
        }

        foreach (var chart in charts)
        {
            HtmlPage.WideFigure(html, chart.Render());
        }

        if (RoundTripSpectrum(ws) is { } spectrum)
        {
            HtmlPage.WideFigure(html, spectrum.Render());
        }

        html.Append("</section>\n");
    }

    /// <summary>
    /// The charts over time: messages sent and received per second (and passed over, when any were), and the message round trip's
    /// p50, p95 and p99 per second. Empty when the series holds no WebSocket figures.
    /// </summary>
    internal static List<SvgLineChart> Charts(RunResult result)
    {
        var series = IntervalRates.WholeSeconds(result.Series);
        if (!series.Any(i => i.Metrics is { Count: > 0 } m && m.Keys.Any(k => k.StartsWith("ws_", StringComparison.Ordinal))))
        {
            return [];
        }

        // A second in which a counter added nothing is left out of the file: it is a 0 here, as the series is otherwise complete.
        long Count(IntervalResult i, string name) => i.Metrics?.GetValueOrDefault(name)?.Count ?? 0;
        var domain = series.Count == 0 ? ((double, double)?)null : (series.Min(i => i.T), series.Max(i => i.T));
        // sent/s is drawn over received/s and dashed: a request/reply journey sends and receives alike, and the two lines must
        // both stay visible where they coincide.
        var messages = new List<ChartSeries>
        {
            new("received/s", IntervalRates.PerSecond(series, i => Count(i, "ws_msgs_received")), "series-4"),
            new("sent/s", IntervalRates.PerSecond(series, i => Count(i, "ws_msgs_sent")), "series-1 series-dashed"),
        };
        if (series.Any(i => Count(i, "ws_msgs_unmatched") > 0))
        {
            messages.Add(new("unmatched/s", IntervalRates.PerSecond(series, i => Count(i, "ws_msgs_unmatched")), "series-5 series-dashed"));
        }

        if (series.Any(i => Count(i, "ws_errors") > 0))
        {
            messages.Add(new("ws errors/s", IntervalRates.PerSecond(series, i => Count(i, "ws_errors")), "series-2 series-dashed"));
        }

        var charts = new List<SvgLineChart>
        {
            new()
            {
                Width = HtmlPage.FullChartWidth,
                Height = HtmlPage.FullChartHeight,
                Title = "WebSocket messages",
                XLabel = "time (s)",
                YLabel = "messages per second",
                XDomain = domain,
                Series = messages,
            },
        };

        // Seconds in which no reply arrived have no round trip: no point, never a 0 that reads as instant.
        var rtt = series.Select(i => (i.T, M: i.Metrics?.GetValueOrDefault(WebSocketFigures.RoundTrip))).Where(x => x.M is { Count: > 0, P50: not null }).ToList();
        if (rtt.Count > 0)
        {
            charts.Add(new SvgLineChart
            {
                Width = HtmlPage.FullChartWidth,
                Height = HtmlPage.FullChartHeight,
                Title = "WebSocket message round trip from intended send",
                XLabel = "time (s)",
                YLabel = "round trip (ms)",
                XDomain = domain,
                Series =
                [
                    new("p50", rtt.Select(x => (x.T, x.M!.P50!.Value)).ToList(), "series-1"),
                    new("p95", rtt.Select(x => (x.T, x.M!.P95 ?? double.NaN)).ToList(), "series-5"),
                    new("p99", rtt.Select(x => (x.T, x.M!.P99 ?? double.NaN)).ToList(), "series-2"),
                ],
            });
        }

        return charts;
    }

    /// <summary>The message round trip by percentile, per step when the result breaks it down (else all steps), as steps read from the histograms.</summary>
    internal static SvgLineChart? RoundTripSpectrum(WebSocketFigures ws)
    {
        var trends = ws.StepRoundTrips.ToList() is { Count: > 0 } steps ? steps : ws.AllRoundTrips is { } all ? [all] : [];
        var curves = trends
            .Take(MaxSpectrumLines)
            .Select((t, i) => (t.Label, Css: $"series-{i % 6 + 1}", Curve: SpectrumCurve.FromEncoded(t.Figures.Histogram, t.Figures.Min ?? 0, t.Figures.Max ?? double.MaxValue)))
            .Where(c => c.Curve is not null)
            .ToList();
        if (curves.Count == 0)
        {
            return null;
        }

        return new SvgLineChart
        {
            Width = HtmlPage.FullChartWidth,
            Height = 300,
            Title = "WebSocket message round trip by percentile",
            XLabel = "percentile",
            YLabel = "round trip (ms)",
            XScale = ChartXScale.Nines,
            NinesEnd = curves.Max(c => c.Curve!.End),
            Markers = curves.Count == 1 ? curves[0].Curve!.Markers() : [],
            Series = [.. curves.Select(c => new ChartSeries(c.Label, c.Curve!.Points, c.Css) { Step = true })],
        };
    }

    private static void TrendTable(StringBuilder html, WebSocketFigures ws)
    {
        if (ws.Trends.Count == 0)
        {
            return;
        }

        html.Append("<table class=\"websocket\">\n<thead><tr><th>ws</th><th class=\"text\">measures</th><th>count</th><th>min</th><th>mean</th><th>p50</th><th>p95</th><th>p99</th><th>max</th></tr></thead>\n<tbody>\n");
        foreach (var t in ws.Trends)
        {
            var f = t.Figures;
            var n = f.Count ?? 0;
            html.Append("<tr").Append(t.Tags.Count > 0 ? " class=\"breakdown\"" : string.Empty).Append(" data-key=\"").Append(HtmlPage.Encode(t.Key)).Append("\"><td>")
                .Append(HtmlPage.Encode(t.Tags.Count > 0 ? "↳ " + t.Label : t.Label)).Append("</td><td class=\"text\">").Append(HtmlPage.Encode(t.Tags.Count > 0 ? string.Empty : t.Meaning)).Append("</td>")
                .Append(HtmlPage.Td(Units.Count(n)));
            foreach (var v in new[] { f.Min, f.Mean, f.P50, f.P95, f.P99, f.Max })
            {
                html.Append(HtmlPage.Td(v is { } ms ? Units.Duration(ms, n) : Units.Missing));
            }

            html.Append("</tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
    }

    private static void ErrorTable(StringBuilder html, WebSocketFigures ws)
    {
        if (ws.ErrorKinds.Count == 0)
        {
            return;
        }

        html.Append("<table class=\"ws-errors\">\n<thead><tr><th class=\"text\">kind</th><th>count</th><th class=\"text\">steps</th><th class=\"text\">first message</th></tr></thead>\n<tbody>\n");
        foreach (var k in ws.ErrorKinds)
        {
            html.Append("<tr><td class=\"text bad\">").Append(HtmlPage.Encode(k.Kind)).Append("</td>").Append(HtmlPage.Td(Units.Count(k.Count)))
                .Append("<td class=\"text\">").Append(HtmlPage.Encode(string.Join(", ", k.Steps))).Append("</td><td class=\"text\">")
                .Append(HtmlPage.Encode(k.FirstMessage)).Append("</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
    }

    private static string Percentile(WebSocketTrend? trend, Func<MetricResult, double?> pick) =>
        trend is { HasSamples: true } t && pick(t.Figures) is { } ms ? Units.Duration(ms) : Units.Missing;

    private static void Tile(StringBuilder html, string label, string value, string sub, string? cls) =>
        html.Append("<div class=\"tile\" data-figure=\"").Append(HtmlPage.Encode(label)).Append("\"><span class=\"tile-label\">").Append(HtmlPage.Encode(label)).Append("</span>")
            .Append("<span class=\"tile-value").Append(cls is null ? string.Empty : " " + cls).Append("\">").Append(HtmlPage.Encode(value)).Append("</span>")
            .Append("<span class=\"tile-sub\">").Append(HtmlPage.Encode(sub)).Append("</span></div>\n");
}
