using System.Globalization;
using System.Text;
using Pacer.Analysis.Compare;
using Pacer.Core.Results;
using Pacer.Reports.Charts;
using Pacer.Reports.Compare;
using Units = Pacer.Reports.Formatting.Units;

namespace Pacer.Reports.Html;

/// <summary>
/// Renders a comparison of two runs as one self-contained HTML5 page: the verdict, both runs' key numbers side by side, the
/// verdict table worst first, their latency spectra overlaid, their latency and throughput over time, and both runs' facts. Built from the same frame, stylesheet and
/// chart markup as <see cref="RunHtmlWriter"/>; like it, it refers to no external URL and reads fully with scripts off.
/// </summary>
internal static class CompareHtmlWriter
{
    private const string BaselineClass = "series-6 series-baseline";
    private const string CurrentClass = "series-1 series-current";

    /// <summary>The complete document for <paramref name="report"/>, which compared <paramref name="baseline"/> with <paramref name="current"/>.</summary>
    public static string Write(RunResult baseline, RunResult current, ComparisonReport report)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(report);
        var title = baseline.Plan.Name == current.Plan.Name ? baseline.Plan.Name : $"{baseline.Plan.Name} vs {current.Plan.Name}";
        var html = HtmlPage.Open("compare · " + title, "Pacer compare · " + title);

        // What a reader needs first: the verdict, both runs' key numbers side by side, then what changed, worst first; the charts
        // and the runs' facts are the evidence below.
        VerdictBanner(html, report);
        KeyNumbers(html, baseline, current, report);
        VerdictTable(html, report);
        Spectrum(html, baseline, current);
        OverTime(html, baseline, current);
        Facts(html, baseline, current, report);
        return HtmlPage.Close(html);
    }

    private static void VerdictBanner(StringBuilder html, ComparisonReport report)
    {
        var total = report.Rows.Count;
        var regressed = report.Rows.Count(r => r.Verdict == Analysis.Compare.Verdict.Regressed);
        var improved = report.Rows.Count(r => r.Verdict == Analysis.Compare.Verdict.Improved);
        var inconclusive = report.Rows.Count(r => r.Verdict == Analysis.Compare.Verdict.Inconclusive);
        var (cls, text) = regressed > 0
            ? ("failed", $"REGRESSED · {regressed} of {total} comparisons")
            : improved > 0
                ? ("passed", $"IMPROVED · {improved} of {total} comparisons, none regressed")
                : ("none", $"NO CHANGE · no regression or improvement in {total} comparisons ({inconclusive} inconclusive)");
        html.Append("<div class=\"verdict ").Append(cls).Append("\" role=\"status\">").Append(E(text)).Append("</div>\n");
    }

    /// <summary>
    /// Requests, rate, error rate, p50/p95/p99, thresholds and generator health of both runs in one table, each quantity with the
    /// verdict of its overall row. No change column: the verdict table's change is the one with an interval behind it, and a
    /// bare ratio of these two numbers beside it could say otherwise (one run a side is judged over its seconds).
    /// </summary>
    private static void KeyNumbers(StringBuilder html, RunResult baseline, RunResult current, ComparisonReport report)
    {
        html.Append("<h2>Key numbers</h2>\n<table class=\"key-numbers\">\n<thead><tr><th></th><th>baseline</th><th>current</th>")
            .Append("<th class=\"text\">verdict</th></tr></thead>\n<tbody>\n");
        KeyNumber(html, report, "Requests", null, Count(baseline), Count(current));
        KeyNumber(html, report, "Requests per second", "rps", Metric(baseline, "http_reqs", m => m.Rate, Units.Rate), Metric(current, "http_reqs", m => m.Rate, Units.Rate));
        KeyNumber(html, report, "Error rate", "error_rate", Metric(baseline, "http_req_failed", m => m.Rate, Units.Percent), Metric(current, "http_req_failed", m => m.Rate, Units.Percent));
        foreach (var (name, metric, pick) in new (string, string, Func<MetricResult, double?>)[] { ("p50", "p50", m => m.P50), ("p95", "p95", m => m.P95), ("p99", "p99", m => m.P99) })
        {
            KeyNumber(html, report, "Latency " + name, metric, Metric(baseline, "http_req_duration", pick, Units.Duration), Metric(current, "http_req_duration", pick, Units.Duration));
        }

        KeyNumber(html, report, "Thresholds", null, Thresholds(baseline), Thresholds(current));
        KeyNumber(html, report, "Generator", null, Generator(baseline), Generator(current));
        html.Append("</tbody>\n</table>\n");
    }

    private static void KeyNumber(StringBuilder html, ComparisonReport report, string name, string? metric, string baseline, string current)
    {
        var row = metric is null ? null : report.Rows.FirstOrDefault(r => r.Group == "all" && r.Metric == metric);
        html.Append("<tr><th class=\"text\" scope=\"row\">").Append(E(name)).Append("</th>").Append(Td(baseline)).Append(Td(current))
            .Append(row is null ? $"<td class=\"text muted\">{Units.Missing}</td>" : $"<td class=\"text {VerdictClass(row)}\">{E(CompareText.Verdict(row))}</td>")
            .Append("</tr>\n");
    }

    private static string Count(RunResult run) => run.Metrics.TryGetValue("http_reqs", out var m) && m.Count is { } n ? Units.Count(n) : Units.Missing;

    private static string Metric(RunResult run, string name, Func<MetricResult, double?> pick, Func<double, string> format) =>
        run.Metrics.TryGetValue(name, out var m) && pick(m) is { } v && double.IsFinite(v) ? format(v) : "–";

    private static string Thresholds(RunResult run)
    {
        var failed = run.Thresholds.Count(t => !t.Passed);
        return run.Thresholds.Count == 0 ? "none declared"
            : failed == 0 ? $"passed {run.Thresholds.Count} of {run.Thresholds.Count}"
            : $"failed {failed} of {run.Thresholds.Count}";
    }

    private static string Generator(RunResult run) => run.Generator switch
    {
        null => "–",
        { Saturated: true } g => $"saturated (lag p99 {Units.Duration(g.LagP99)})",
        { } g => $"healthy (lag p99 {Units.Duration(g.LagP99)})",
    };

    private static string VerdictClass(ComparisonRow row) => row.Verdict switch
    {
        Analysis.Compare.Verdict.Regressed => "bad",
        Analysis.Compare.Verdict.Improved => "ok",
        Analysis.Compare.Verdict.Equivalent => "muted",
        _ => "warn",
    };

    /// <summary>Worst first: what needs fixing, then what cannot be told yet, then gains, then what did not move.</summary>
    private static int Severity(Analysis.Compare.Verdict verdict) => verdict switch
    {
        Analysis.Compare.Verdict.Regressed => 0,
        Analysis.Compare.Verdict.Inconclusive => 1,
        Analysis.Compare.Verdict.Improved => 2,
        _ => 3,
    };

    private static void Facts(StringBuilder html, RunResult baseline, RunResult current, ComparisonReport report)
    {
        html.Append("<h2>Runs</h2>\n<table class=\"run-facts\">\n<thead><tr><th></th><th class=\"text\">baseline</th><th class=\"text\">current</th></tr></thead>\n<tbody>\n");
        Fact(html, "File", string.Join(", ", report.BaselineSources), string.Join(", ", report.CurrentSources));
        Fact(html, "Plan", baseline.Plan.Name, current.Plan.Name);
        Fact(html, "Target", baseline.Plan.Target, current.Plan.Target);
        Fact(html, "Model", baseline.Plan.Model, current.Plan.Model);
        Fact(html, "Duration", Duration(baseline), Duration(current));
        Fact(html, "Started", Started(baseline), Started(current));
        Fact(html, "Transport", baseline.Environment.Transport, current.Environment.Transport);
        Fact(html, "Machine", baseline.Environment.Machine, current.Environment.Machine);
        Fact(html, "Run id", baseline.RunId, current.RunId);
        html.Append("</tbody>\n</table>\n");
        Notices(html, "Baseline", baseline);
        Notices(html, "Current", current);
    }

    private static void Fact(StringBuilder html, string name, string baseline, string current) =>
        html.Append("<tr><th class=\"text\" scope=\"row\">").Append(E(name)).Append("</th><td class=\"text\">").Append(E(baseline))
            .Append("</td><td class=\"text\">").Append(E(current)).Append("</td></tr>\n");

    private static string Duration(RunResult run) =>
        $"{run.DurationSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s of {run.Plan.PlannedDurationSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s planned";

    private static string Started(RunResult run) => run.StartedUtc.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    // An aborted run or a saturated generator makes a comparison suspect; say so next to the facts rather than hide it.
    private static void Notices(StringBuilder html, string side, RunResult run)
    {
        if (run.Aborted)
        {
            html.Append("<p class=\"notice\">").Append(side).Append(" run aborted").Append(run.AbortReason is { } r ? ": " + E(r) : string.Empty).Append("</p>\n");
        }

        if (run.Generator is { Saturated: true } g)
        {
            html.Append("<p class=\"notice\">").Append(side).Append(" run's generator saturated (scheduling lag p99 ").Append(E(Units.Duration(g.LagP99)))
                .Append("): its latencies may include Pacer's own delay.</p>\n");
        }
    }

    private static void Spectrum(StringBuilder html, RunResult baseline, RunResult current)
    {
        html.Append("<h2>Latency by percentile</h2>\n");
        var baseSpectrum = PercentileSpectrum.OfRun(baseline);
        var currentSpectrum = PercentileSpectrum.OfRun(current);
        if (baseSpectrum.Count == 0 || currentSpectrum.Count == 0)
        {
            html.Append("<p class=\"note\">").Append(baseSpectrum.Count == 0 && currentSpectrum.Count == 0
                ? "Neither result has a latency histogram, so there is no spectrum to draw."
                : baseSpectrum.Count == 0
                    ? "The baseline has no latency histogram, so only the current run's spectrum is drawn."
                    : "The current result has no latency histogram, so only the baseline's spectrum is drawn.").Append("</p>\n");
        }

        HtmlPage.WideFigure(html, new SvgLineChart
        {
            Width = HtmlPage.FullChartWidth,
            Height = HtmlPage.FullChartHeight,
            Title = "http_req_duration by percentile",
            XLabel = "percentile",
            YLabel = "latency (ms)",
            XScale = ChartXScale.Nines,
            Series = [new("baseline", baseSpectrum, BaselineClass), new("current", currentSpectrum, CurrentClass)],
        }.Render());
    }

    private static void OverTime(StringBuilder html, RunResult baseline, RunResult current)
    {
        var baseSeries = IntervalRates.WholeSeconds(baseline.Series);
        var currentSeries = IntervalRates.WholeSeconds(current.Series);
        // One under the other at the run page's size, on one latency scale: side by side, each was drawn at half width and the
        // page shrank its text with it.
        html.Append("<h2>Latency over time</h2>\n");
        var latencyTop = baseSeries.Concat(currentSeries).Select(i => i.P99).Where(double.IsFinite).DefaultIfEmpty(0).Max();
        HtmlPage.WideFigure(html, LatencyChart("Baseline latency from intended start", baseSeries, latencyTop));
        HtmlPage.WideFigure(html, LatencyChart("Current latency from intended start", currentSeries, latencyTop));

        html.Append("<h2>Throughput</h2>\n");
        HtmlPage.WideFigure(html, new SvgLineChart
        {
            Width = HtmlPage.FullChartWidth,
            Height = HtmlPage.FullChartHeight,
            Title = "Requests per second",
            XLabel = "time (s)",
            YLabel = "requests per second",
            Series =
            [
                new("baseline", IntervalRates.PerSecond(baseSeries, i => i.Requests), BaselineClass),
                new("current", IntervalRates.PerSecond(currentSeries, i => i.Requests), CurrentClass),
            ],
        }.Render());
    }

    private static string LatencyChart(string title, IReadOnlyList<IntervalResult> series, double yAxisAtLeast) => new SvgLineChart
    {
        Width = HtmlPage.FullChartWidth,
        Height = HtmlPage.FullChartHeight,
        Title = title,
        XLabel = "time (s)",
        YLabel = "latency (ms)",
        YAxisAtLeast = yAxisAtLeast,
        Series = IntervalRates.Latencies(series),
    }.Render();

    private static void VerdictTable(StringBuilder html, ComparisonReport report)
    {
        html.Append("<h2>Verdicts</h2>\n");
        html.Append("<table class=\"verdicts\">\n<thead><tr><th>request</th><th class=\"text\">metric</th><th>baseline</th><th>current</th>")
            .Append("<th>change [95% CI]</th><th>p (Holm)</th><th class=\"text\">verdict</th></tr></thead>\n<tbody>\n");
        foreach (var row in report.Rows.OrderBy(r => Severity(r.Verdict)))
        {
            var cls = VerdictClass(row);
            html.Append("<tr><td>").Append(E(row.Group)).Append("</td><td class=\"text\">").Append(E(row.Metric)).Append("</td>")
                .Append(Td(CompareText.Value(row.Baseline, row.Unit))).Append(Td(CompareText.Value(row.Current, row.Unit)))
                .Append(Td(CompareText.Change(row))).Append(Td(CompareText.P(row)))
                .Append("<td class=\"text ").Append(cls).Append("\">").Append(E(CompareText.Verdict(row))).Append("</td></tr>\n");
        }

        foreach (var (metric, geomean) in report.Geomeans.OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            html.Append("<tr class=\"geomean\"><td class=\"muted\">geomean</td><td class=\"text\">").Append(E(metric)).Append("</td><td></td><td></td>")
                .Append(Td(CompareText.Percent(geomean - 1))).Append("<td></td><td></td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
        var notes = CompareText.Notes(report);
        if (notes.Count == 0)
        {
            return;
        }

        html.Append("<h2>Notes</h2>\n<ul class=\"warnings\">\n");
        foreach (var note in notes)
        {
            html.Append("<li>").Append(E(note)).Append("</li>\n");
        }

        html.Append("</ul>\n");
    }

    private static string Td(string text) => HtmlPage.Td(text);

    private static string E(string? text) => HtmlPage.Encode(text);
}
