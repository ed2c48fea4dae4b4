using System.Globalization;
using System.Text;
using Pacer.Analysis.Capacity;
using Pacer.Reports.Charts;
using Pacer.Reports.Html;
using Units = Pacer.Reports.Formatting.Units;

namespace Pacer.Reports.Capacity;

/// <summary>
/// The capacity report as one self-contained HTML page in the run report's frame and chart style: the capacity, the hockey
/// stick (latency percentiles against load with the knee and the capacity marked), throughput against concurrency with the
/// USL curve, the target's CPU against load when watched, every step in a table, and the replica plan with its HPA snippet.
/// </summary>
internal static class CapacityHtmlWriter
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The complete document for <paramref name="report"/> of plan <paramref name="plan"/>; <paramref name="hpa"/> is the manifest snippet, when planned.</summary>
    public static string Write(CapacityReport report, string plan, string? hpa)
    {
        ArgumentNullException.ThrowIfNull(report);
        var html = HtmlPage.Open("capacity · " + plan, "Pacer capacity · " + plan);
        var search = report.Search;
        var cls = search.Outcome switch
        {
            CapacityOutcome.Found or CapacityOutcome.AboveMaximum or CapacityOutcome.StepBudget => "passed",
            CapacityOutcome.NoneHeld => "failed",
            _ => "none",
        };
        html.Append("<div class=\"verdict ").Append(cls).Append("\" role=\"status\">").Append(E(Capitalised(CapacityText.Headline(report)))).Append("</div>\n");
        Summary(html, report);
        HockeyStick(html, report);
        Scalability(html, report);
        TargetCpu(html, report);
        Steps(html, report);
        Replicas(html, report, hpa);
        return HtmlPage.Close(html);
    }

    private static void Summary(StringBuilder html, CapacityReport report)
    {
        html.Append("<dl class=\"facts\">\n");
        if (report.BrokeFirst.Count > 0)
        {
            Fact(html, "broke first", $"at {CapacityText.Level(report.Search.FirstBroken!.Level, report.Closed)}: {string.Join("; ", report.BrokeFirst)}");
        }

        foreach (var finding in report.Findings)
        {
            Fact(html, "finding", finding);
        }

        Fact(html, "knee", CapacityText.Knee(report) ?? $"not found (it needs at least {KneeDetector.MinimumPoints} distinct loads and latency that rises)");
        Fact(html, "scalability", CapacityText.Usl(report));
        Fact(html, "steps", $"{report.Search.Steps.Count}, ending {report.Search.Outcome.ToString().ToLowerInvariant()}");
        html.Append("</dl>\n");
    }

    private static void HockeyStick(StringBuilder html, CapacityReport report)
    {
        var steps = Averaged(report.Search.Steps.Where(s => s.Requests > 0));
        var markers = new List<ChartMarker>();
        var capacity = report.Search.Capacity;
        if (report.Knee is { } knee)
        {
            // One line when they coincide: two labels at one x would print over each other.
            var together = capacity is { } c && Math.Abs(knee.Kneedle - c) <= 0.01 * c;
            markers.Add(new ChartMarker(knee.Kneedle, together ? "knee = capacity" : "knee"));
            if (together)
            {
                capacity = null;
            }
        }

        if (capacity is { } marked)
        {
            markers.Add(new ChartMarker(marked, "capacity"));
        }

        html.Append("<h2>Latency against load</h2>\n");
        HtmlPage.WideFigure(html, new SvgLineChart
        {
            Width = HtmlPage.FullChartWidth,
            Height = HtmlPage.FullChartHeight,
            Title = "latency percentiles against load (the hockey stick)",
            XLabel = report.Closed ? "virtual users" : "offered load (req/s)",
            YLabel = "latency (ms)",
            Series =
            [
                new ChartSeries("p50", [.. steps.Select(s => (s.Level, s.P50))], "series-1"),
                new ChartSeries("p95", [.. steps.Select(s => (s.Level, s.P95))], "series-2"),
                new ChartSeries("p99", [.. steps.Select(s => (s.Level, s.P99))], "series-3"),
            ],
            Markers = markers,
        }.Render());
    }

    private static void Scalability(StringBuilder html, CapacityReport report)
    {
        var measured = report.Search.Steps.Where(s => s.Requests > 0).Select(s => (s.Concurrency, s.Achieved)).OrderBy(p => p.Concurrency).ToList();
        var series = new List<ChartSeries> { new("measured throughput", measured, "series-1") };
        if (report.Usl is { Fits: true } fit && measured.Count > 0)
        {
            var top = Math.Max(measured[^1].Concurrency, fit.PeakConcurrency ?? 0) * 1.2;
            var curve = Enumerable.Range(0, 101).Select(i => top * i / 100.0).Where(n => n > 0).Select(n => (n, fit.Predict(n))).ToList();
            series.Add(new ChartSeries("USL fit", curve, "series-2 series-dashed"));
        }

        html.Append("<h2>Throughput against concurrency</h2>\n<p class=\"subtitle\">")
            .Append(E("Concurrency by Little's law: throughput × mean latency. " + CapacityText.Usl(report))).Append("</p>\n");
        HtmlPage.WideFigure(html, new SvgLineChart
        {
            Width = HtmlPage.FullChartWidth,
            Height = HtmlPage.FullChartHeight,
            Title = "throughput against concurrency, with the Universal Scalability Law",
            XLabel = "concurrency (requests in flight)",
            YLabel = "throughput (req/s)",
            Series = series,
        }.Render());
    }

    private static void TargetCpu(StringBuilder html, CapacityReport report)
    {
        var watched = Averaged(report.Search.Steps.Where(s => s.TargetCpu is not null));
        if (watched.Count == 0)
        {
            return;
        }

        html.Append("<h2>Target CPU against load</h2>\n");
        var markers = report.Search.Capacity is { } capacity ? new List<ChartMarker> { new(capacity, "capacity") } : [];
        HtmlPage.WideFigure(html, new SvgLineChart
        {
            Width = HtmlPage.FullChartWidth,
            Height = HtmlPage.FullChartHeight,
            Title = "the watched target's mean CPU in each step",
            XLabel = report.Closed ? "virtual users" : "offered load (req/s)",
            YLabel = "CPU (cores)",
            Series = [new ChartSeries("target CPU", [.. watched.Select(s => (s.Level, s.TargetCpu ?? 0))], "series-4")],
            Markers = markers,
        }.Render());
    }

    private static void Steps(StringBuilder html, CapacityReport report)
    {
        var watched = report.Search.Steps.Any(s => s.TargetCpu is not null || s.TargetMemory is not null);
        html.Append("<h2>Steps</h2>\n<table>\n<thead><tr><th>#</th><th class=\"text\">phase</th><th>").Append(report.Closed ? "users" : "offered")
            .Append("</th><th>achieved</th><th>p50</th><th>p95</th><th>p99</th><th>errors</th><th>dropped</th>");
        if (watched)
        {
            html.Append("<th>target CPU</th><th>target memory</th>");
        }

        html.Append("<th>seconds</th><th class=\"text\">verdict</th></tr></thead>\n<tbody>\n");
        foreach (var step in report.Search.Steps)
        {
            html.Append("<tr>").Append(HtmlPage.Td(step.Index.ToString(Inv)))
                .Append("<td class=\"text\">").Append(E(step.Phase.ToString().ToLowerInvariant())).Append("</td>")
                .Append(HtmlPage.Td(CapacityText.Level(step.Level, report.Closed)))
                .Append(HtmlPage.Td(Units.Rate(step.Achieved)))
                .Append(HtmlPage.Td(Units.Duration(step.P50, step.Requests)))
                .Append(HtmlPage.Td(Units.Duration(step.P95, step.Requests)))
                .Append(HtmlPage.Td(Units.Duration(step.P99, step.Requests)))
                .Append(HtmlPage.Td(Units.Percent(step.ErrorRate)))
                .Append(HtmlPage.Td(Units.Count(step.Dropped)));
            if (watched)
            {
                html.Append(HtmlPage.Td(step.TargetCpu is { } cpu ? cpu.ToString("0.00", Inv) + " cores" : Units.Missing))
                    .Append(HtmlPage.Td(step.TargetMemory is { } memory ? Units.Bytes(memory) : Units.Missing));
            }

            var settled = step.Steady ? " · steady" : step.StoppedEarly ? " · stopped: clearly over" : "";
            html.Append(HtmlPage.Td(step.Seconds.ToString("0.#", Inv) + settled))
                .Append("<td class=\"text ").Append(step.Held ? "ok" : "bad").Append("\">")
                .Append(E(step.Held ? "held" + (step.GeneratorLimited ? " (the generator was busy)" : "") : string.Join("; ", step.Breaches)))
                .Append("</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
    }

    private static void Replicas(StringBuilder html, CapacityReport report, string? hpa)
    {
        if (CapacityText.Replicas(report) is not { } sentence)
        {
            return;
        }

        html.Append("<h2>Replicas</h2>\n<p>").Append(E(Capitalised(sentence))).Append(".</p>\n");
        if (hpa is not null)
        {
            html.Append("<pre>").Append(E(hpa)).Append("</pre>\n");
        }
    }

    /// <summary>Steps at one level (a repeat) averaged into one point, so a line through them does not zigzag at a single x.</summary>
    private static List<CapacityStep> Averaged(IEnumerable<CapacityStep> steps) =>
        [.. steps.GroupBy(s => s.Level).OrderBy(g => g.Key).Select(g => g.First() with
        {
            P50 = g.Average(s => s.P50),
            P95 = g.Average(s => s.P95),
            P99 = g.Average(s => s.P99),
            TargetCpu = g.Any(s => s.TargetCpu is not null) ? g.Where(s => s.TargetCpu is not null).Average(s => s.TargetCpu!.Value) : null,
        })];

    private static void Fact(StringBuilder html, string name, string value) =>
        html.Append("<dt>").Append(E(name)).Append("</dt><dd>").Append(E(value)).Append("</dd>\n");

    private static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static string E(string? text) => HtmlPage.Encode(text);
}
