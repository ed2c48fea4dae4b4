using System.Globalization;
using System.Text;
using Pacer.Core.Recording;
using Pacer.Core.Results;
using Pacer.Reports.Charts;
using RunShape = Pacer.Reports.Console.RunShape;
using ThresholdActual = Pacer.Reports.Console.ThresholdActual;
using Units = Pacer.Reports.Formatting.Units;

namespace Pacer.Reports.Html;

/// <summary>
/// Renders a run as one self-contained HTML5 page: verdict, facts, charts and every number in tables. Nothing refers to an external
/// URL (only the SVG namespace and the run's own target appear), so the file can be mailed, archived and opened offline.
/// </summary>
internal static class RunHtmlWriter
{
    /// <summary>The complete document.</summary>
    public static string Write(RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var html = HtmlPage.Open(result.Plan.Name, "Pacer run · " + result.Plan.Name);
        Verdict(html, result);
        Facts(html, result);
        Charts(html, result);
        RequestsTable(html, result);
        ThresholdsTable(html, result);
        ChecksTable(html, result);
        GroupsTable(html, result);
        ErrorsTable(html, result);
        Warnings(html, result);

        return HtmlPage.Close(html);
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

    private static void Facts(StringBuilder html, RunResult result)
    {
        html.Append("<h2>Run</h2>\n<dl class=\"facts\">\n");
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
        var throughput = new List<ChartSeries> { new("requests/s", rps, "series-1"), new("errors/s", eps, "series-2") };
        if (open && result.Plan.ScenarioModels.Count == 0)
        {
            throughput.Add(new ChartSeries("target (requests/s)", target, "series-6 series-target"));
        }

        charts.Add(new SvgLineChart { Title = "Throughput", XLabel = "time (s)", YLabel = "requests per second", Series = throughput });
        charts.Add(new SvgLineChart
        {
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

        charts.Add(new SvgLineChart { Title = title, XLabel = "time (s)", YLabel = label, Series = active });
        return charts;
    }

    private static void Charts(StringBuilder html, RunResult result)
    {
        html.Append("<h2>Over time</h2>\n");
        foreach (var chart in OverTime(result))
        {
            HtmlPage.Figure(html, chart.Render());
        }

        html.Append("<h2>Latency by percentile</h2>\n");
        var spectrum = PercentileSpectrum.OfRun(result);
        if (spectrum.Count == 0)
        {
            html.Append("<p class=\"note\">No latency histogram in this result, so no percentile spectrum.</p>\n");
            return;
        }

        HtmlPage.Figure(html, new SvgLineChart
        {
            Title = "http_req_duration by percentile",
            XLabel = "percentile",
            YLabel = "latency (ms)",
            XScale = ChartXScale.Nines,
            Series = [new("all requests", spectrum, "series-1")],
        }.Render());
    }

    private static void RequestsTable(StringBuilder html, RunResult result)
    {
        html.Append("<h2>Requests</h2>\n");
        if (result.Requests.Count == 0)
        {
            html.Append("<p class=\"note\">No requests.</p>\n");
            return;
        }

        html.Append("<table class=\"requests\">\n<thead><tr><th>request</th><th>count</th><th>rate</th><th>errors</th><th>p50</th><th>p95</th><th>p99</th><th>max</th><th class=\"text\">spectrum</th></tr></thead>\n<tbody>\n");
        foreach (var r in result.Requests)
        {
            html.Append("<tr><td>").Append(E(r.Name)).Append("</td>")
                .Append(Td(Units.Count(r.Requests))).Append(Td(Units.Rate(r.Rate)))
                .Append("<td class=\"").Append(r.Failures > 0 ? "bad" : "ok").Append("\">").Append(E(r.Requests == 0 ? Units.Missing : Units.Percent(r.ErrorRate))).Append("</td>")
                .Append(Td(Units.Duration(r.Duration.P50, r.Duration.Count))).Append(Td(Units.Duration(r.Duration.P95, r.Duration.Count)))
                .Append(Td(Units.Duration(r.Duration.P99, r.Duration.Count))).Append(Td(Units.Duration(r.Duration.Max, r.Duration.Count)))
                .Append("<td class=\"text\">").Append(Sparkline.Render(PercentileSpectrum.FromEncoded(r.Duration.Histogram), $"{r.Name} latency by percentile")).Append("</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
    }

    private static void ThresholdsTable(StringBuilder html, RunResult result)
    {
        html.Append("<h2>Thresholds</h2>\n");
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

        html.Append("<h2>Checks</h2>\n<table class=\"checks\">\n<thead><tr><th>check</th><th>passes</th><th>fails</th><th>rate</th></tr></thead>\n<tbody>\n");
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

        html.Append("<h2>Groups</h2>\n<table class=\"groups\">\n<thead><tr><th>group</th><th>count</th><th>requests</th><th>failures</th><th>p50</th><th>p95</th><th>p99</th><th>max</th></tr></thead>\n<tbody>\n");
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
        html.Append("<h2>Errors</h2>\n");
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

        html.Append("<h2>Warnings</h2>\n<ul class=\"warnings\">\n");
        foreach (var w in result.Warnings)
        {
            html.Append("<li>").Append(E(w)).Append("</li>\n");
        }

        html.Append("</ul>\n");
    }

    private static string Td(string text) => HtmlPage.Td(text);

    private static string E(string? text) => HtmlPage.Encode(text);
}
