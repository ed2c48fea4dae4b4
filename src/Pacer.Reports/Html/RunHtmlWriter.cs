using System.Globalization;
using System.Text;
using Pacer.Core.Recording;
using Pacer.Core.Results;
using Pacer.Reports.Charts;
using RunShape = Pacer.Reports.Console.RunShape;
using ThresholdActual = Pacer.Reports.Console.ThresholdActual;
using SupportedPercentile = Pacer.Reports.Formatting.SupportedPercentile;
using Units = Pacer.Reports.Formatting.Units;

namespace Pacer.Reports.Html;

/// <summary>
/// Renders a run as one self-contained HTML5 page: what failed first, the verdict and headline figures, full-width charts over
/// time, latency vs service vs queue time by percentile, the per-name detail, status codes, thresholds, checks, groups, custom
/// metrics, errors, the generator in words and over time, and the run's facts last; every number is also in a table. Nothing refers to an
/// external URL (only the SVG namespace and the run's own target appear), so the file can be mailed, archived and opened offline.
/// </summary>
internal static class RunHtmlWriter
{
    /// <summary>Request names that get their own distribution chart; the busiest ones, so a 200-name run stays a page.</summary>
    internal const int MaxDistributionCharts = 12;

    /// <summary>Small multiples of one request name (its latency over time, its distribution).</summary>
    private const int SmallWidth = 400;
    private const int SmallHeight = 240;

    /// <summary>Points per line of a small multiple over time: about one per pixel column of its plot, as the wide charts' 1,000.</summary>
    private const int SmallMaxPoints = 300;

    private const int FullWidth = HtmlPage.FullChartWidth;
    private const int FullHeight = HtmlPage.FullChartHeight;

    /// <summary>The complete document.</summary>
    public static string Write(RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var totals = RunTotals.Of(result);
        var html = HtmlPage.Open(result.Plan.Name, "Pacer run · " + result.Plan.Name);
        NothingSucceeded(html, result, totals);
        Subtitle(html, result);
        Verdict(html, result);
        Headline(html, result, totals);
        FindingsList.Write(html, result);
        Charts(html, result);
        TargetCharts.Write(html, result);
        WhereTheTimeWent(html, result);
        RequestsTable(html, result, totals);
        NamesOverTime(html, result);
        Distributions(html, result);
        WebSocketSection.Write(html, result);
        StatusCodes(html, result);
        ThresholdsTable(html, result);
        ChecksTable(html, result);
        GroupsTable(html, result);
        CustomMetrics.Write(html, result);
        ErrorsTable(html, result);
        Generator(html, result);
        Warnings(html, result);
        Facts(html, result);

        return HtmlPage.Close(html);
    }

    private static void Subtitle(StringBuilder html, RunResult result) =>
        html.Append("<p class=\"subtitle\">").Append(E(result.Plan.Target)).Append(" · ").Append(E(RunShape.Model(result)))
            .Append(" · ").Append(E(RunShape.Duration(result))).Append("</p>\n");

    private static void NothingSucceeded(StringBuilder html, RunResult result, RunTotals totals)
    {
        if (!totals.NothingSucceeded)
        {
            return;
        }

        // Before the verdict and every latency: a page of fast numbers from a run in which nothing worked would be the worst reading.
        var kinds = string.Join(", ", result.Errors.Select(e => $"{e.Kind} {Units.Count(e.Count)}"));
        html.Append("<div class=\"verdict failed nothing-succeeded\" role=\"alert\">Nothing succeeded: all ")
            .Append(E(Units.Count(totals.Requests))).Append(" requests failed").Append(kinds.Length > 0 ? " (" + E(kinds) + ")" : string.Empty)
            .Append(". The latencies below are of failures.</div>\n");
    }

    private static void Verdict(StringBuilder html, RunResult result)
    {
        var total = result.Thresholds.Count;
        var failed = result.Thresholds.Count(t => !t.Passed);
        var (cls, text) = result.NotPassedReason is { } reason
            ? ("failed", $"FAILED · {reason}")
            : total == 0
            ? ("none", "No thresholds declared")
            : failed == 0
                ? ("passed", $"PASSED · {total} of {total} thresholds held")
                : ("failed", $"FAILED {failed} of {total} thresholds");
        html.Append("<div class=\"verdict ").Append(cls).Append("\" role=\"status\">").Append(E(text)).Append("</div>\n");
        if (result.Aborted)
        {
            html.Append("<p class=\"notice\">Run aborted").Append(result.AbortReason is { } r ? ": " + E(r) : string.Empty).Append("</p>\n");
        }

        if (result.Generator is { Saturated: true } g)
        {
            html.Append("<p class=\"notice\">Generator saturated (scheduling lag p99 ").Append(E(Units.Duration(g.LagP99)))
                .Append(", CPU peak ").Append(E(Units.Percent(g.CpuMax)))
                .Append(g.LoopBusyFraction > 0 ? $", an event loop above 90% of a core for {E(Units.Percent(g.LoopBusyFraction))} of the run" : string.Empty)
                .Append("): latencies may include Pacer's own delay.</p>\n");
        }
    }

    private static void Headline(StringBuilder html, RunResult result, RunTotals totals)
    {
        html.Append("<div class=\"headline\">\n");
        Tile(html, "requests", Units.Count(totals.Requests), null, null);
        Tile(html, "rate", Units.Rate(totals.Rate), "over the load period", null);
        Tile(html, "errors", Units.Percent(totals.ErrorRate), Units.Count(totals.Failures) + " failed", totals.Failures > 0 ? "bad" : "ok");
        if (totals.Latency is { } latency)
        {
            // Without a sample there is no latency: "–", never a 0.00µs that reads like a fast service.
            var none = latency.Count is not > 0;
            var sub = none ? "no samples" : totals.NothingSucceeded ? "of failures" : "from intended start";
            Tile(html, "p50", Ms(latency.P50, none), sub, null);
            Tile(html, "p95", Ms(latency.P95, none), sub, null);
            Tile(html, "p99", Ms(latency.P99, none), sub, null);
        }

        var failed = result.Thresholds.Count(t => !t.Passed);
        var (verdict, verdictClass) = result.Passed ? ("passed", "ok") : ("failed", "bad");
        var verdictSub = result.Thresholds.Count == 0
            ? "no thresholds"
            : failed == 0 ? $"{result.Thresholds.Count} of {result.Thresholds.Count} thresholds held" : $"{failed} of {result.Thresholds.Count} thresholds failed";
        Tile(html, "verdict", verdict, verdictSub, verdictClass);
        if (GeneratorWords.Headline(result.Generator) is { } health)
        {
            var g = result.Generator!;
            Tile(html, "generator", health, $"lag p99 {Units.Duration(g.LagP99)} · CPU {Units.Percent(g.CpuMean)}", g.Saturated ? "bad" : "ok");
        }

        html.Append("</div>\n");
    }

    private static void Tile(StringBuilder html, string label, string value, string? sub, string? cls)
    {
        html.Append("<div class=\"tile\" data-figure=\"").Append(E(label)).Append("\"><span class=\"tile-label\">").Append(E(label)).Append("</span>")
            .Append("<span class=\"tile-value").Append(cls is null ? string.Empty : " " + cls).Append("\">").Append(E(value)).Append("</span>");
        if (sub is not null)
        {
            html.Append("<span class=\"tile-sub\">").Append(E(sub)).Append("</span>");
        }

        html.Append("</div>\n");
    }

    private static void Facts(StringBuilder html, RunResult result)
    {
        html.Append("<h2 id=\"details\">Run details</h2>\n<dl class=\"facts\">\n");
        Fact(html, "Plan", result.Plan.Name);
        Fact(html, "Target", result.Plan.Target);
        Fact(html, "Model", RunShape.Model(result));
        Fact(html, "Duration", RunShape.Duration(result));
        Fact(html, "Transport", result.Environment.Transport);
        Fact(html, "Machine", result.Environment.Machine);
        Fact(html, "Cores", result.Environment.Cores.ToString(CultureInfo.InvariantCulture));
        Fact(html, "Started", result.StartedUtc.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture));
        Fact(html, "Run id", result.RunId);
        Fact(html, "Pacer", result.Environment.PacerVersion);
        html.Append("</dl>\n");
    }

    private static void Fact(StringBuilder html, string name, string value) =>
        html.Append("<dt>").Append(E(name)).Append("</dt><dd>").Append(E(value)).Append("</dd>\n");

    /// <summary>The over-time charts of a run: throughput, latency, requests in flight (when recorded), users or iterations.</summary>
    internal static List<SvgLineChart> OverTime(RunResult result)
    {
        var charts = new List<SvgLineChart>();
        var series = IntervalRates.WholeSeconds(result.Series);
        var model = result.Plan.Model;
        var open = string.Equals(model, "open", StringComparison.OrdinalIgnoreCase);
        var closed = string.Equals(model, "closed", StringComparison.OrdinalIgnoreCase);
        var rps = IntervalRates.PerSecond(series, i => i.Requests);
        var eps = IntervalRates.PerSecond(series, i => i.Errors);

        // The plan's target is drawn only over the load period (in the drain nothing is planned) and only on a chart whose
        // unit it shares: iterations/s are requests/s only in a request mix (a journey is several requests), virtual users
        // are users.
        var loadEnd = (result.LoadSeconds ?? result.Plan.PlannedDurationSeconds) + 0.1;
        var target = series.Where(i => i.T <= loadEnd).Select(i => (i.T, i.Target)).ToList();
        // errors/s is drawn first and dashed, requests/s over it: when every request fails the two lines coincide, and the
        // requests/s line must stay visible rather than disappear under the errors.
        var throughput = new List<ChartSeries> { new("errors/s", eps, "series-2 series-dashed"), new("requests/s", rps, "series-1") };
        if (open && result.Plan.ScenarioModels.Count == 0)
        {
            throughput.Add(new ChartSeries("target (requests/s)", target, "series-6 series-target"));
        }

        charts.Add(new SvgLineChart { Width = FullWidth, Height = FullHeight, Title = "Throughput", XLabel = "time (s)", YLabel = "requests per second", Series = throughput });
        charts.Add(new SvgLineChart
        {
            Width = FullWidth,
            Height = FullHeight,
            Title = "Latency from intended start",
            XLabel = "time (s)",
            YLabel = "latency (ms)",
            Series = IntervalRates.Latencies(series),
        });

        // Requests in flight (written, not yet answered) and users or iterations at work are different things: a user in
        // think time is active with no request in flight. Files from before the in-flight series have only the second.
        if (series.Any(i => i.InFlight is not null))
        {
            charts.Add(new SvgLineChart
            {
                Width = FullWidth,
                Height = FullHeight,
                Title = "Requests in flight",
                XLabel = "time (s)",
                YLabel = "requests (mean over the second)",
                Series = [new("requests in flight", series.Select(i => (i.T, i.InFlight ?? 0)).ToList(), "series-4")],
            });
        }

        var (title, label) = closed ? ("Virtual users", "virtual users")
            : open ? ("Iterations in progress", "iterations in progress")
            : ("Virtual users and iterations in progress", "users and iterations");
        var active = new List<ChartSeries> { new(label, series.Select(i => (i.T, (double)i.Active)).ToList(), "series-3") };
        if (closed)
        {
            active.Add(new ChartSeries("target (virtual users)", target, "series-6 series-target"));
        }

        charts.Add(new SvgLineChart { Width = FullWidth, Height = FullHeight, Title = title, XLabel = "time (s)", YLabel = label, Series = active });
        return charts;
    }

    private static void Charts(StringBuilder html, RunResult result)
    {
        html.Append("<h2 id=\"over-time\">Over time</h2>\n");
        foreach (var chart in OverTime(result))
        {
            HtmlPage.WideFigure(html, chart.Render());
        }
    }

    /// <summary>
    /// Latency from the intended start, service time and queue time by percentile on one chart: the part of the latency the
    /// service is responsible for and the part spent waiting to be sent (coordinated omission made visible). Null without a
    /// latency histogram.
    /// </summary>
    internal static SvgLineChart? TimeBreakdown(RunResult result)
    {
        var curves = new (string Metric, string Name, string Css)[]
            {
                ("http_req_duration", "latency from intended start", "series-1"),
                ("http_req_service_time", "service time", "series-4"),
                ("http_req_queue_time", "queue time", "series-5"),
            }
            .Select(c => (c.Name, c.Css, Curve: result.Metrics.TryGetValue(c.Metric, out var m)
                ? SpectrumCurve.FromEncoded(m.Histogram, m.Min ?? 0, m.Max ?? double.MaxValue)
                : null))
            .Where(c => c.Curve is not null)
            .ToList();
        if (curves.Count == 0 || curves[0].Name != "latency from intended start")
        {
            return null;
        }

        var latency = curves[0].Curve!;
        return new SvgLineChart
        {
            Width = FullWidth,
            Height = 340,
            Title = "Latency = queue time + service time, by percentile",
            XLabel = "percentile",
            YLabel = "latency (ms)",
            XScale = ChartXScale.Nines,
            NinesEnd = curves.Max(c => c.Curve!.End),
            Markers = latency.Markers(),
            Series = [.. curves.Select(c => new ChartSeries(c.Name, c.Curve!.Points, c.Css) { Step = true })],
        };
    }

    private static void WhereTheTimeWent(StringBuilder html, RunResult result)
    {
        html.Append("<h2 id=\"percentiles\">Latency by percentile</h2>\n");
        if (TimeBreakdown(result) is not { } chart)
        {
            html.Append("<p class=\"note\">No latency histogram in this result, so no percentile spectrum.</p>\n");
            return;
        }

        HtmlPage.WideFigure(html, chart.Render());
        html.Append("<p class=\"note\">Steps read from the run's histograms, drawn up to the second-largest sample; right of the dashed line the curve rests on fewer than ten samples. ")
            .Append("Queue time is the wait between the planned start and the send, which a closed-loop tool does not see; service time is the send to the response.</p>\n");
        html.Append("<table class=\"breakdown\">\n<thead><tr><th>measure</th><th>count</th><th>min</th><th>mean</th><th>p50</th><th>p90</th><th>p95</th><th>p99</th><th>p99.9</th><th>max</th></tr></thead>\n<tbody>\n");
        foreach (var (metric, name) in new[] { ("http_req_duration", "latency from intended start"), ("http_req_service_time", "service time"), ("http_req_queue_time", "queue time") })
        {
            if (result.Metrics.TryGetValue(metric, out var m) && m.Count is { } count)
            {
                html.Append("<tr><td>").Append(E(name)).Append("</td>").Append(Td(Units.Count(count)));
                foreach (var v in new[] { m.Min, m.Mean, m.P50, m.P90, m.P95, m.P99 })
                {
                    html.Append(Td(Ms(v, count == 0)));
                }

                html.Append(P999(count, m.P999)).Append(Td(Ms(m.Max, count == 0))).Append("</tr>\n");
            }
        }

        html.Append("</tbody>\n</table>\n");
    }

    /// <summary>A latency, or "–" when there is none (no value, or no samples behind it).</summary>
    private static string Ms(double? ms, bool noSamples) => !noSamples && ms is { } v ? Units.Duration(v) : Units.Missing;

    /// <summary>A p99.9 cell: blank with a reason when fewer than 1,000 samples make it the maximum by another name.</summary>
    private static string P999(long count, double? p999) =>
        SupportedPercentile.P999(count, p999) is { } v
            ? Td(Units.Duration(v))
            : $"<td class=\"muted\" title=\"fewer than 1,000 samples: the 99.9th percentile would be the maximum\">{Units.Missing}</td>";

    private static void RequestsTable(StringBuilder html, RunResult result, RunTotals totals)
    {
        html.Append("<h2 id=\"requests\">Requests</h2>\n");
        if (result.Requests.Count == 0)
        {
            html.Append("<p class=\"note\">No requests.</p>\n");
            return;
        }

        html.Append("<table class=\"requests\">\n<thead><tr><th>request</th><th>count</th><th>rate</th><th>errors</th><th>min</th><th>mean</th><th>p50</th><th>p95</th><th>p99</th><th>p99.9</th><th>max</th><th class=\"text\">errors by kind</th><th class=\"text\">latency by percentile</th></tr></thead>\n<tbody>\n");
        foreach (var r in result.Requests)
        {
            html.Append("<tr><td>").Append(E(r.Name)).Append("</td>");
            Row(html, r.Requests, r.Rate, r.Failures, r.ErrorRate, r.Duration.Count, r.Duration.Min, r.Duration.Mean, r.Duration.P50, r.Duration.P95, r.Duration.P99, r.Duration.P999, r.Duration.Max, r.ErrorsByKind);
            html.Append("<td class=\"text\">").Append(Sparkline.RenderCurve(SpectrumCurve.FromEncoded(r.Duration.Histogram, r.Duration.Min, r.Duration.Max, Sparkline.Steps), $"{r.Name} latency by percentile")).Append("</td></tr>\n");
        }

        html.Append("</tbody>\n");
        if (totals.Latency is { } all)
        {
            // The whole run's row, from the run's own histogram: percentiles of the union, not an average of the rows above.
            var kinds = result.Errors.ToDictionary(e => e.Kind, e => e.Count);
            html.Append("<tfoot><tr class=\"all\"><td>all</td>");
            Row(html, totals.Requests, totals.Rate, totals.Failures, totals.ErrorRate, all.Count ?? 0, all.Min ?? 0, all.Mean ?? 0, all.P50 ?? 0, all.P95 ?? 0, all.P99 ?? 0, all.P999 ?? 0, all.Max ?? 0, kinds);
            html.Append("<td class=\"text\">").Append(Sparkline.RenderCurve(SpectrumCurve.FromEncoded(all.Histogram, all.Min ?? 0, all.Max ?? double.MaxValue, Sparkline.Steps), "all requests latency by percentile")).Append("</td></tr></tfoot>\n");
        }

        html.Append("</table>\n");
    }

    private static void Row(StringBuilder html, long count, double rate, long failures, double errorRate, long samples, double min, double mean, double p50, double p95, double p99, double p999, double max, IReadOnlyDictionary<string, long> kinds)
    {
        html.Append(Td(Units.Count(count))).Append(Td(Units.Rate(rate)))
            .Append("<td class=\"").Append(failures > 0 ? "bad" : "ok").Append("\">").Append(E(count == 0 ? Units.Missing : Units.Percent(errorRate))).Append("</td>");
        if (samples == 0)
        {
            // No samples: a 0.00µs latency would be a number that cannot be true.
            html.Append(string.Concat(Enumerable.Repeat($"<td class=\"muted\">{Units.Missing}</td>", 7)));
        }
        else
        {
            html.Append(Td(Units.Duration(min))).Append(Td(Units.Duration(mean))).Append(Td(Units.Duration(p50))).Append(Td(Units.Duration(p95)))
                .Append(Td(Units.Duration(p99))).Append(P999(samples, p999)).Append(Td(Units.Duration(max)));
        }

        html.Append("<td class=\"text\">").Append(E(string.Join(", ", kinds.OrderByDescending(k => k.Value).Select(k => $"{k.Key} {Units.Count(k.Value)}")))).Append("</td>");
    }

    /// <summary>One latency histogram per request name (the busiest <see cref="MaxDistributionCharts"/>), as small multiples.</summary>
    internal static List<SvgLineChart> DistributionCharts(RunResult result) =>
        [.. result.Requests
            .Where(r => r.Requests > 0)
            .OrderByDescending(r => r.Requests)
            .Take(MaxDistributionCharts)
            .Select(r => (Request: r, Distribution: LatencyDistribution.FromEncoded(r.Duration.Histogram, r.Duration.Max)))
            .Where(d => d.Distribution is not null)
            .Select(d => new SvgLineChart
            {
                Title = d.Request.Name,
                XLabel = d.Distribution!.Beyond > 0
                    ? $"latency (ms); {Units.Count(d.Distribution.Beyond)} above {Units.Duration(d.Distribution.UpperMs)} not drawn"
                    : "latency (ms)",
                YLabel = "% of requests",
                Width = SmallWidth,
                Height = SmallHeight,
                ShowLegend = false,
                Series = [new ChartSeries("share", d.Distribution.Points, "series-1") { Step = true }],
            })];

    private static void Distributions(StringBuilder html, RunResult result)
    {
        var charts = DistributionCharts(result);
        if (charts.Count == 0)
        {
            return;
        }

        html.Append("<h2 id=\"distributions\">Latency distribution by request</h2>\n<div class=\"multiples\">\n");
        foreach (var chart in charts)
        {
            HtmlPage.Figure(html, chart.Render());
        }

        html.Append("</div>\n");
        var shown = charts.Count;
        var names = result.Requests.Count(r => r.Requests > 0);
        if (names > shown)
        {
            html.Append("<p class=\"note\">The ").Append(shown).Append(" busiest of ").Append(names)
                .Append(" request names; every name's percentiles are in the requests table.</p>\n");
        }
    }

    private static void StatusCodes(StringBuilder html, RunResult result)
    {
        if (result.Statuses.Count == 0)
        {
            return;
        }

        html.Append("<h2 id=\"statuses\">Status codes</h2>\n<table class=\"statuses\">\n<thead><tr><th>status</th><th>count</th><th>share</th><th class=\"text\"></th><th>p50</th><th>p95</th><th>p99</th><th>max</th></tr></thead>\n<tbody>\n");
        var all = Math.Max(1, result.Statuses.Sum(s => s.Count));
        foreach (var s in result.Statuses)
        {
            var share = (double)s.Count / all;
            var cls = s.Status is 0 or >= 400 ? "bad" : "ok";
            html.Append("<tr><td class=\"").Append(cls).Append("\">").Append(E(s.Status == 0 ? "no response" : s.Status.ToString(CultureInfo.InvariantCulture))).Append("</td>")
                .Append(Td(Units.Count(s.Count))).Append(Td(Units.Percent(share)))
                .Append("<td class=\"text\"><span class=\"bar ").Append(cls).Append("\" style=\"width:").Append((share * 100).ToString("0.#", CultureInfo.InvariantCulture)).Append("%\"></span></td>")
                .Append(Td(Units.Duration(s.Duration.P50))).Append(Td(Units.Duration(s.Duration.P95))).Append(Td(Units.Duration(s.Duration.P99))).Append(Td(Units.Duration(s.Duration.Max)))
                .Append("</tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
    }

    private static void Generator(StringBuilder html, RunResult result)
    {
        html.Append("<h2 id=\"generator\">Load generator</h2>\n");
        if (result.Generator is not { } g)
        {
            html.Append("<p class=\"note\">This result file is from before Pacer recorded its own health.</p>\n");
            return;
        }

        html.Append("<p class=\"generator ").Append(g.Saturated ? "bad" : "ok").Append("\">").Append(E(GeneratorWords.Sentence(g))).Append("</p>\n");
        foreach (var chart in GeneratorCharts(result))
        {
            HtmlPage.WideFigure(html, chart.Render());
        }

        if (g.ConnectionsOpened is { } opened)
        {
            html.Append("<p class=\"note\">").Append(E(Units.Count(opened))).Append(" connections opened (warm-up included)");
            if (g.ConnectionsWithStrayBytes is > 0 and var stray)
            {
                // The warning above says what it means; here it stands beside the count it is part of.
                html.Append("; ").Append(E(Units.Count(stray))).Append(" of them closed for bytes no request asked for");
            }

            html.Append(".</p>\n");
        }
    }

    /// <summary>
    /// The generator over time, beside its verdict in words: scheduling lag p99 per second against the 5 ms a request may be late,
    /// and CPU as a share of the cores against the 90% that counts as busy; on the time axis of the charts above. Two charts,
    /// not one with two y scales. Empty for files from before the series had them.
    /// </summary>
    internal static List<SvgLineChart> GeneratorCharts(RunResult result)
    {
        var series = IntervalRates.WholeSeconds(result.Series);
        var lag = series.Where(i => i.GeneratorLagP99 is not null).Select(i => (i.T, i.GeneratorLagP99!.Value)).ToList();
        var cpu = series.Where(i => i.GeneratorCpu is not null).Select(i => (i.T, i.GeneratorCpu!.Value * 100)).ToList();
        if (lag.Count == 0 && cpu.Count == 0)
        {
            return [];
        }

        var domain = TimeDomain(series);
        var (from, to) = domain ?? (0, 0);
        var cores = result.Generator?.Cores ?? result.Environment.Cores;
        return
        [
            new SvgLineChart
            {
                Width = FullWidth,
                Height = FullHeight,
                Title = "Generator scheduling lag",
                XLabel = "time (s)",
                YLabel = "lag p99 (ms)",
                XDomain = domain,
                Series =
                [
                    new ChartSeries("late above 5 ms", [(from, 5), (to, 5)], "series-6 series-target"),
                    new ChartSeries("scheduling lag p99", lag, "series-2"),
                ],
            },
            new SvgLineChart
            {
                Width = FullWidth,
                Height = FullHeight,
                Title = "Generator CPU",
                XLabel = "time (s)",
                YLabel = string.Create(CultureInfo.InvariantCulture, $"% of {cores} cores"),
                XDomain = domain,
                Series =
                [
                    new ChartSeries("busy above 90%", [(from, 90), (to, 90)], "series-6 series-target"),
                    new ChartSeries("Pacer's CPU", cpu, "series-4"),
                ],
            },
        ];
    }

    /// <summary>
    /// Latency over time of the busiest request names (those whose series the result carries), as small multiples on the time
    /// axis of the run's charts, in the order of the distribution charts. Seconds in which a name completed nothing have no point.
    /// </summary>
    internal static List<SvgLineChart> NameOverTimeCharts(RunResult result)
    {
        var series = IntervalRates.WholeSeconds(result.Series);
        var domain = TimeDomain(series);
        var lastT = domain?.Max ?? double.MaxValue;
        return
        [
            .. result.Requests
                .Where(r => r.Requests > 0 && r.Series is { Count: > 0 })
                .OrderByDescending(r => r.Requests)
                .Take(MaxDistributionCharts)
                .Select(r =>
                {
                    var seconds = r.Series!.Where(i => i.T <= lastT + 1e-9).ToList();
                    return new SvgLineChart
                    {
                        Title = r.Name,
                        XLabel = "time (s)",
                        YLabel = "latency (ms)",
                        Width = SmallWidth,
                        Height = SmallHeight,
                        MaxPoints = SmallMaxPoints,
                        XDomain = domain,
                        Series =
                        [
                            new("p50", seconds.Select(i => (i.T, i.P50)).ToList(), "series-1"),
                            new("p95", seconds.Select(i => (i.T, i.P95)).ToList(), "series-5"),
                            new("p99", seconds.Select(i => (i.T, i.P99)).ToList(), "series-2"),
                        ],
                    };
                }),
        ];
    }

    private static (double Min, double Max)? TimeDomain(IReadOnlyList<IntervalResult> series) =>
        series.Count == 0 ? null : (series.Min(i => i.T), series.Max(i => i.T));

    private static void NamesOverTime(StringBuilder html, RunResult result)
    {
        var charts = NameOverTimeCharts(result);
        if (charts.Count == 0)
        {
            return;
        }

        html.Append("<h2 id=\"names-over-time\">Latency over time by request</h2>\n<div class=\"multiples\">\n");
        foreach (var chart in charts)
        {
            HtmlPage.Figure(html, chart.Render());
        }

        html.Append("</div>\n");
        var names = result.Requests.Count(r => r.Requests > 0);
        if (names > charts.Count)
        {
            html.Append("<p class=\"note\">The ").Append(charts.Count).Append(" busiest of ").Append(names)
                .Append(" request names (the result file keeps the per-second series of the busiest only).</p>\n");
        }
    }

    private static void ThresholdsTable(StringBuilder html, RunResult result)
    {
        html.Append("<h2 id=\"thresholds\">Thresholds</h2>\n");
        if (result.Thresholds.Count == 0)
        {
            html.Append("<p class=\"note\">No thresholds declared.</p>\n");
            return;
        }

        html.Append("<table class=\"thresholds\">\n<thead><tr><th></th><th class=\"text\">metric</th><th class=\"text\">threshold</th><th>actual</th><th class=\"text\">note</th></tr></thead>\n<tbody>\n");
        foreach (var t in result.Thresholds)
        {
            var actual = ThresholdActual.Format(result, t);
            html.Append("<tr><td class=\"").Append(t.Passed ? "ok\">✓ pass" : "bad\">✗ fail").Append("</td>")
                .Append("<td class=\"text\">").Append(E(t.Metric)).Append("</td><td class=\"text\">").Append(E(t.Expression)).Append("</td>")
                .Append(Td(actual)).Append("<td class=\"text\">").Append(E(t.Note ?? string.Empty))
                .Append(t.AbortOnFail ? " (abortOnFail)" : string.Empty).Append("</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
    }

    private static void ChecksTable(StringBuilder html, RunResult result)
    {
        if (result.Checks.Count == 0)
        {
            return;
        }

        html.Append("<h2 id=\"checks\">Checks</h2>\n<table class=\"checks\">\n<thead><tr><th>check</th><th>passes</th><th>fails</th><th>rate</th></tr></thead>\n<tbody>\n");
        foreach (var c in result.Checks)
        {
            html.Append("<tr><td>").Append(E(c.Name)).Append("</td>").Append(Td(Units.Count(c.Passes))).Append(Td(Units.Count(c.Fails)))
                .Append("<td class=\"").Append(c.Fails > 0 ? "bad" : "ok").Append("\">").Append(E(Units.Percent(c.Rate))).Append("</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
    }

    private static void GroupsTable(StringBuilder html, RunResult result)
    {
        if (result.Groups.Count == 0)
        {
            return;
        }

        html.Append("<h2 id=\"groups\">Groups</h2>\n<table class=\"groups\">\n<thead><tr><th>group</th><th>count</th><th>requests</th><th>failures</th><th>p50</th><th>p95</th><th>p99</th><th>max</th></tr></thead>\n<tbody>\n");
        foreach (var g in result.Groups)
        {
            html.Append("<tr><td>").Append(E(g.Name)).Append("</td>").Append(Td(Units.Count(g.Duration.Count)))
                .Append(Td(Units.Count(g.Requests))).Append(Td(Units.Count(g.Failures)))
                .Append(Td(Units.Duration(g.Duration.P50, g.Duration.Count))).Append(Td(Units.Duration(g.Duration.P95, g.Duration.Count)))
                .Append(Td(Units.Duration(g.Duration.P99, g.Duration.Count))).Append(Td(Units.Duration(g.Duration.Max, g.Duration.Count))).Append("</tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
    }

    private static void ErrorsTable(StringBuilder html, RunResult result)
    {
        html.Append("<h2 id=\"errors\">Errors</h2>\n");
        if (result.Errors.Count == 0 && result.ScriptErrors.Count == 0)
        {
            html.Append("<p class=\"note\">No errors.</p>\n");
            return;
        }

        if (result.Errors.Count > 0)
        {
            html.Append("<table class=\"errors\">\n<thead><tr><th>kind</th><th>count</th><th class=\"text\">first example</th></tr></thead>\n<tbody>\n");
            foreach (var e in result.Errors)
            {
                html.Append("<tr><td>").Append(E(e.Kind)).Append("</td>").Append(Td(Units.Count(e.Count)))
                    .Append("<td class=\"text\">").Append(E(e.Example ?? string.Empty)).Append("</td></tr>\n");
            }

            html.Append("</tbody>\n</table>\n");
        }

        if (result.ScriptErrors.Count > 0)
        {
            html.Append("<table class=\"script-errors\">\n<thead><tr><th>step</th><th class=\"text\">kind</th><th>count</th><th class=\"text\">first message</th></tr></thead>\n<tbody>\n");
            foreach (var s in result.ScriptErrors)
            {
                html.Append("<tr><td>").Append(E($"{s.Step} ({s.Location})")).Append("</td><td class=\"text\">").Append(E(s.Kind)).Append("</td>")
                    .Append(Td(Units.Count(s.Count))).Append("<td class=\"text\">").Append(E(s.FirstMessage)).Append("</td></tr>\n");
            }

            html.Append("</tbody>\n</table>\n");
        }
    }

    private static void Warnings(StringBuilder html, RunResult result)
    {
        if (result.Warnings.Count == 0)
        {
            return;
        }

        html.Append("<h2 id=\"warnings\">Warnings</h2>\n<ul class=\"warnings\">\n");
        foreach (var w in result.Warnings)
        {
            html.Append("<li>").Append(E(w)).Append("</li>\n");
        }

        html.Append("</ul>\n");
    }

    private static string Td(string text) => HtmlPage.Td(text);

    private static string E(string? text) => HtmlPage.Encode(text);
}
