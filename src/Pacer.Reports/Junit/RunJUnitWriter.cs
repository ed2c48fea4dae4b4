using System.Globalization;
using System.Xml.Linq;
using Pacer.Core.Results;
using Pacer.Reports.Formatting;
using Pacer.Reports.WebSockets;
using ThresholdActual = Pacer.Reports.Console.ThresholdActual;

namespace Pacer.Reports.Junit;

/// <summary>A run as JUnit XML for CI systems: each threshold a test case, failing when it failed; an aborted run or a
/// saturated generator or a run in which no request got a response adds a failing case of its own, so a CI view never shows green for numbers that cannot be trusted.
/// The suite's standard output holds the key numbers per request name, written as the console and Markdown write them.</summary>
internal static class RunJUnitWriter
{
    public static string Write(RunResult result)
    {
        var cases = result.Thresholds.Select(t => Case(
            t.Metric,
            t.Expression,
            t.Passed ? null : $"{t.Metric} {t.Expression}: actual {ThresholdActual.Format(result, t)}{(t.Note is null ? string.Empty : $" ({t.Note})")}")).ToList();
        cases.AddRange((result.Slo ?? []).Select(o => Case("slo", $"{o.Name}: {Pacer.Reports.Console.SloRenderer.Objective(o)}", o.Passed ? null : Pacer.Reports.Console.SloRenderer.Budget(o))));

        // A target a load test cannot judge is a skipped case: visible in the CI view, neither green nor red.
        cases.AddRange((result.NotJudged ?? []).Select(n => new XElement(
            "testcase",
            new XAttribute("classname", n.Origin),
            new XAttribute("name", $"{n.Key} {n.Value}"),
            new XElement("skipped", new XAttribute("message", $"not judged here, because {n.Reason}")))));
        if (result.Aborted)
        {
            cases.Add(Case("run", "completed", $"aborted: {result.AbortReason}"));
        }

        if (result.NotPassedReason is { } reason)
        {
            cases.Add(Case("run", "got responses", reason));
        }

        if (result.Generator is { Saturated: true })
        {
            cases.Add(Case("generator", "kept up", "the load generator was saturated; see the warnings in the result file"));
        }

        var suite = new XElement(
            "testsuite",
            new XAttribute("name", $"pacer: {result.Plan.Name}"),
            new XAttribute("tests", cases.Count),
            new XAttribute("failures", cases.Count(c => c.Element("failure") is not null)),
            new XAttribute("time", result.DurationSeconds.ToString("0.###", CultureInfo.InvariantCulture)),
            cases,
            new XElement("system-out", KeyNumbers(result)));
        return new XDocument(new XDeclaration("1.0", "utf-8", null), JUnitText.Sanitize(new XElement("testsuites", suite))).ToString();
    }

    /// <summary>One line per request name (and all together when there are several): count, rate, errors and latency.</summary>
    private static string KeyNumbers(RunResult result)
    {
        var lines = result.Requests.Select(r => Line(r.Name, r.Requests, r.Rate, r.ErrorRate, r.Duration.Count, r.Duration.P50, r.Duration.P95, r.Duration.P99, r.Duration.Max)).ToList();
        if (result.Requests.Count > 1 && result.Metrics.TryGetValue("http_req_duration", out var all))
        {
            var reqs = result.Metrics.TryGetValue("http_reqs", out var r) ? r : null;
            var failed = result.Metrics.TryGetValue("http_req_failed", out var f) ? f.Rate ?? 0 : 0;
            var count = reqs?.Count ?? 0;
            lines.Add(Line("all", count, reqs?.Rate ?? 0, failed, all.Count ?? count, all.P50 ?? double.NaN, all.P95 ?? double.NaN, all.P99 ?? double.NaN, all.Max ?? double.NaN));
        }

        if (WebSocketFigures.Of(result) is { } ws)
        {
            // Thresholds on ws_* metrics are test cases like any other; the figures behind them go with the key numbers.
            lines.Add("WebSocket: " + Pacer.Reports.Console.WebSocketRenderer.Counts(ws));
            lines.AddRange(ws.Trends.Where(t => t.Metric == WebSocketFigures.RoundTrip).Select(t =>
            {
                var n = t.Figures.Count ?? 0;
                return $"{t.Key}: {Units.Count(n)} messages · p50 {Units.Duration(t.Figures.P50 ?? double.NaN, n)} · p95 {Units.Duration(t.Figures.P95 ?? double.NaN, n)} · p99 {Units.Duration(t.Figures.P99 ?? double.NaN, n)} · max {Units.Duration(t.Figures.Max ?? double.NaN, n)}";
            }));
        }

        return lines.Count == 0 ? "no requests" : string.Join('\n', lines);

        static string Line(string name, long requests, double rate, double errorRate, long samples, double p50, double p95, double p99, double max) =>
            $"{name}: {Units.Count(requests)} requests · {Units.Rate(rate)} · errors {(requests == 0 ? Units.Missing : Units.Percent(errorRate))} · " +
            $"p50 {Units.Duration(p50, samples)} · p95 {Units.Duration(p95, samples)} · p99 {Units.Duration(p99, samples)} · max {Units.Duration(max, samples)}";
    }

    private static XElement Case(string classname, string name, string? failure) =>
        new("testcase", new XAttribute("classname", classname), new XAttribute("name", name), failure is null ? null : new XElement("failure", new XAttribute("message", failure)));
}
