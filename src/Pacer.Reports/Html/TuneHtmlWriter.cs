using System.Globalization;
using System.Text;
using Pacer.Reports.Charts;
using Pacer.Reports.Tuning;

namespace Pacer.Reports.Html;

/// <summary>
/// The page of a tuning (<c>pacer tune --html</c>): the verdict, the best settings with their evidence and the confirmation
/// against the defaults, the objective trial by trial, its sensitivity to each knob, and every trial in a table. The same frame,
/// stylesheet and charts as the run and compare pages; self-contained, readable with scripts off.
/// </summary>
internal static class TuneHtmlWriter
{
    public static string Write(TuneReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var html = HtmlPage.Open("tune · " + report.Name, "Pacer tune · " + report.Name);
        Banner(html, report);
        Best(html, report);
        Progress(html, report);
        Sensitivity(html, report);
        Trials(html, report);
        if (report.Warnings.Count > 0)
        {
            html.Append("<h2>Notes</h2>\n<ul class=\"warnings\">\n");
            foreach (var warning in report.Warnings)
            {
                html.Append("<li>").Append(E(warning)).Append("</li>\n");
            }

            html.Append("</ul>\n");
        }

        return HtmlPage.Close(html);
    }

    private static void Banner(StringBuilder html, TuneReport report)
    {
        var searched = report.Trials.Count(t => t.Phase == "search");
        var (cls, text) = report.Confirmation switch
        {
            { Verdict: "improved" } c => ("passed", $"BETTER THAN THE DEFAULTS · {report.Objective} {c.Change * 100:+0.#;-0.#}% after {searched} trials, confirmed over {c.Best.Count} runs a side"),
            { } c => ("none", $"NOT CONFIRMED · the best settings are {c.Verdict} against the defaults over {c.Best.Count} runs a side"),
            null when report.BestSettings is null => ("failed", $"NO SETTING MET THE SLO · {searched} trials"),
            _ => ("none", $"BEST OF {searched} TRIALS · not confirmed against the defaults"),
        };
        html.Append("<div class=\"verdict ").Append(cls).Append("\" role=\"status\">").Append(E(text)).Append("</div>\n");
    }

    private static void Best(StringBuilder html, TuneReport report)
    {
        html.Append("<h2>Best settings</h2>\n<table class=\"key-numbers\">\n<thead><tr><th class=\"text\">knob</th><th>best</th><th>default</th></tr></thead>\n<tbody>\n");
        foreach (var knob in report.Knobs)
        {
            html.Append("<tr><th class=\"text\">").Append(E(knob)).Append("</th>")
                .Append(HtmlPage.Td(report.BestSettings?.GetValueOrDefault(knob) ?? "—"))
                .Append(HtmlPage.Td(report.DefaultSettings?.GetValueOrDefault(knob) ?? "—")).Append("</tr>\n");
        }

        html.Append("</tbody>\n</table>\n<p>")
            .Append(E($"Objective: {report.Objective} ({report.Unit}, {(report.HigherIsBetter ? "higher" : "lower")} is better); search: {report.Method}, {report.Budget} trials, seed {report.Seed}."))
            .Append("</p>\n");
        if (report.Confirmation is { } c)
        {
            html.Append("<p>").Append(E(string.Create(CultureInfo.InvariantCulture,
                $"Confirmation, runs alternating: defaults {string.Join(", ", c.Defaults.Select(v => N(v)))}; best {string.Join(", ", c.Best.Select(v => N(v)))} {report.Unit}. Change {c.Change * 100:+0.#;-0.#}% [{c.Lower * 100:+0.#;-0.#}%, {c.Upper * 100:+0.#;-0.#}%]{(c.PValue is { } p ? $", p = {p:0.####}" : string.Empty)}: {c.Verdict} ({c.Method}).")))
                .Append("</p>\n");
            if (c.Other.Count > 0)
            {
                html.Append("<p>").Append(E("Also changed: " + string.Join("; ", c.Other))).Append("</p>\n");
            }
        }
    }

    private static void Progress(StringBuilder html, TuneReport report)
    {
        var search = report.Trials.Where(t => t.Phase == "search" && t.Value is not null).ToList();
        if (search.Count == 0)
        {
            return;
        }

        html.Append("<h2>Trials</h2>\n");
        HtmlPage.WideFigure(html, new SvgLineChart
        {
            Width = HtmlPage.FullChartWidth,
            Height = HtmlPage.FullChartHeight,
            Title = $"{report.Objective} by trial",
            XLabel = "trial",
            YLabel = report.Unit,
            Series =
            [
                new("meets the SLO", [.. search.Where(t => t.Feasible && !t.Pruned).Select(t => ((double)t.Number, t.Value!.Value))], "series-1"),
                new("breaks it or pruned", [.. search.Where(t => !t.Feasible || t.Pruned).Select(t => ((double)t.Number, t.Value!.Value))], "series-3"),
            ],
            Markers = report.Best is { } best ? [new ChartMarker(best, "best")] : [],
        }.Render());
    }

    private static void Sensitivity(StringBuilder html, TuneReport report)
    {
        if (report.Sensitivity.Count == 0)
        {
            return;
        }

        html.Append("<h2>Sensitivity</h2>\n<p>")
            .Append(E("The objective as the model of every trial sees it across each knob's values, the other knobs averaged over; the share is the knob's part of the variance of these curves."))
            .Append("</p>\n");
        foreach (var row in report.Sensitivity.OrderByDescending(s => s.Share))
        {
            var numeric = row.Values.All(v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out _));
            var points = row.Values.Select((v, i) => (X: numeric ? double.Parse(v, CultureInfo.InvariantCulture) : i, Y: row.Objective[i])).ToList();
            HtmlPage.Figure(html, new SvgLineChart
            {
                Title = string.Create(CultureInfo.InvariantCulture, $"{row.Knob}: {row.Share * 100:0}% of the variance, range {N(row.Range)} {report.Unit}"),
                XLabel = numeric ? row.Knob : $"{row.Knob} (value number)",
                YLabel = report.Unit,
                Series = [new(row.Knob, points, "series-1")],
                ShowLegend = false,
            }.Render());
        }
    }

    private static void Trials(StringBuilder html, TuneReport report)
    {
        html.Append("<h2>Every trial</h2>\n<table class=\"verdicts\">\n<thead><tr><th>#</th><th class=\"text\">phase</th>");
        foreach (var knob in report.Knobs)
        {
            html.Append("<th>").Append(E(knob)).Append("</th>");
        }

        html.Append("<th>").Append(E($"{report.Objective} ({report.Unit})")).Append("</th><th>req/s</th><th>p99 ms</th><th>CPU ms/req</th><th class=\"text\">SLO</th><th>seconds</th></tr></thead>\n<tbody>\n");
        foreach (var t in report.Trials)
        {
            var slo = t.Value is null ? t.Problem ?? "no value" : t.Pruned ? "pruned" : t.Feasible ? "ok" : "breaks " + string.Join(", ", t.Breaches);
            html.Append(t.Number == report.Best ? "<tr class=\"best\">" : "<tr>")
                .Append(HtmlPage.Td(t.Number.ToString(CultureInfo.InvariantCulture) + (t.Number == report.Best ? " ★" : string.Empty)))
                .Append("<td class=\"text\">").Append(E(t.Phase)).Append("</td>");
            foreach (var knob in report.Knobs)
            {
                html.Append(HtmlPage.Td(t.Settings.GetValueOrDefault(knob, "?")));
            }

            html.Append(HtmlPage.Td(N(t.Value))).Append(HtmlPage.Td(N(t.Rps))).Append(HtmlPage.Td(N(t.P99))).Append(HtmlPage.Td(N(t.CpuMsPerRequest)))
                .Append("<td class=\"text\">").Append(E(slo)).Append("</td>")
                .Append(HtmlPage.Td(t.Seconds.ToString("0.0", CultureInfo.InvariantCulture))).Append("</tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
    }

    private static string N(double? value) => value switch
    {
        null => "—",
        { } v when !double.IsFinite(v) => "—",
        { } v when Math.Abs(v) >= 100 => v.ToString("#,0", CultureInfo.InvariantCulture),
        { } v when Math.Abs(v) >= 1 => v.ToString("0.##", CultureInfo.InvariantCulture),
        { } v => v.ToString("0.####", CultureInfo.InvariantCulture),
    };

    private static string E(string text) => HtmlPage.Encode(text);
}
