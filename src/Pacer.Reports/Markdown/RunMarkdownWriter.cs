using System.Globalization;
using System.Text;
using Pacer.Analysis.Findings;
using Pacer.Core.Results;
using Pacer.Reports.Formatting;
using Pacer.Reports.WebSockets;
using RunShape = Pacer.Reports.Console.RunShape;
using ThresholdActual = Pacer.Reports.Console.ThresholdActual;
using WebSocketRenderer = Pacer.Reports.Console.WebSocketRenderer;

namespace Pacer.Reports.Markdown;

/// <summary>A run as Markdown for a CI step summary (GitHub's <c>$GITHUB_STEP_SUMMARY</c>) or a PR comment: verdict line, key numbers, thresholds.</summary>
internal static class RunMarkdownWriter
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Write(RunResult result)
    {
        var md = new StringBuilder();
        var failed = result.Thresholds.Count(t => !t.Passed);
        var sloFailed = result.Slo?.Count(o => !o.Passed) ?? 0;
        var verdict = result.NotPassedReason is { } reason ? $"❌ failed: {reason}"
            : sloFailed > 0 ? $"❌ failed {sloFailed} of {result.Slo!.Count} SLO objectives" + (failed == 0 ? string.Empty : $" and {failed} of {result.Thresholds.Count} thresholds")
            : result.Thresholds.Count == 0 ? "ℹ️ no thresholds declared"
            : failed == 0 ? $"✅ passed all {result.Thresholds.Count} thresholds"
            : $"❌ failed {failed} of {result.Thresholds.Count} thresholds";
        md.AppendLine(Inv, $"### {Escape(result.Plan.Name)}: {verdict}");
        if (result.Aborted)
        {
            md.AppendLine().AppendLine(Inv, $"> **Aborted:** {Escape(result.AbortReason ?? "stopped early")}");
        }

        if (result.Generator is { Saturated: true })
        {
            md.AppendLine().AppendLine("> **Generator saturated:** Pacer itself could not keep up, so these numbers may describe the load generator rather than the service.");
        }

        md.AppendLine().AppendLine(Inv, $"{Escape(RunShape.Model(result))} · {RunShape.Duration(result)} · {Escape(result.Plan.Target)} · transport {Escape(result.Environment.Transport)}");
        md.AppendLine().AppendLine("| request | count | rate | errors | p50 | p95 | p99 | max |").AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in result.Requests)
        {
            var d = r.Duration;
            var errors = r.Requests == 0 ? Units.Missing : Units.Percent(r.ErrorRate);
            md.AppendLine(Inv, $"| {Escape(r.Name)} | {Units.Count(r.Requests)} | {Units.Rate(r.Rate)} | {errors} | {Units.Duration(d.P50, d.Count)} | {Units.Duration(d.P95, d.Count)} | {Units.Duration(d.P99, d.Count)} | {Units.Duration(d.Max, d.Count)} |");
        }

        WriteWebSockets(md, result);
        if (result.Thresholds.Count > 0)
        {
            md.AppendLine().AppendLine("| threshold | actual | |").AppendLine("|---|---:|---|");
            foreach (var t in result.Thresholds)
            {
                // The note says why a verdict is special (judged only on failures, nothing answered); "no samples" is the actual itself.
                var actual = ThresholdActual.Format(result, t) + (t.Note is null or "no samples" || t.Actual is null ? string.Empty : $" ({Escape(t.Note)})");
                var origin = t.Origin is null ? string.Empty : $" · {Escape(t.Origin)}";
                md.AppendLine(Inv, $"| {MarkdownText.Code(t.Metric)} {MarkdownText.Code(t.Expression)}{origin} | {actual} | {(t.Passed ? "✅" : "❌")} |");
            }
        }

        if (result.Slo is { Count: > 0 } objectives)
        {
            md.AppendLine().AppendLine("| slo objective | error budget | |").AppendLine("|---|---|---|");
            foreach (var o in objectives)
            {
                md.AppendLine(Inv, $"| {Escape(o.Name)}: {Escape(Pacer.Reports.Console.SloRenderer.Objective(o))} | {Escape(Pacer.Reports.Console.SloRenderer.Budget(o))} | {(o.Passed ? "✅" : "❌")} |");
            }
        }

        foreach (var n in result.NotJudged ?? [])
        {
            md.AppendLine().AppendLine(Inv, $"- ➖ not judged here: {MarkdownText.Code(n.Key)} {Escape(n.Value)}, because {Escape(n.Reason)} ({Escape(n.Origin)})");
        }

        Findings(md, result);
        foreach (var warning in result.Warnings)
        {
            md.AppendLine().AppendLine(Inv, $"- ⚠️ {Escape(warning)}");
        }

        return md.ToString();
    }

    /// <summary>
    /// The WebSocket figures, when the plan had WebSocket steps: sessions and messages, handshake and message round trip, a row of
    /// round trip per step when the result breaks it down by step, and the failed WebSocket steps by kind.
    /// </summary>
    private static void WriteWebSockets(StringBuilder md, RunResult result)
    {
        if (!result.Metrics.TryGetValue("ws_sessions", out var sessions) || WebSocketFigures.Of(result) is not { } ws)
        {
            return;
        }

        long Count(string name) => result.Metrics.TryGetValue(name, out var m) ? m.Count ?? 0 : 0;
        string P(string name, Func<MetricResult, double?> pick) =>
            result.Metrics.TryGetValue(name, out var m) && m.Count is > 0 ? Units.Duration(pick(m) ?? double.NaN) : Units.Missing;
        md.AppendLine().AppendLine("| WebSocket | sessions | sent | received | unmatched | errors | connect p95 | round trip p50 | p95 | p99 | max |")
            .AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        md.AppendLine(Inv, $"| messages (round trip from intended send) | {Units.Count(sessions.Count ?? 0)} | {Units.Count(Count("ws_msgs_sent"))} | {Units.Count(Count("ws_msgs_received"))} | {Units.Count(Count("ws_msgs_unmatched"))} | {Units.Count(Count("ws_errors"))} | {P("ws_connecting", m => m.P95)} | {P("ws_msg_rtt", m => m.P50)} | {P("ws_msg_rtt", m => m.P95)} | {P("ws_msg_rtt", m => m.P99)} | {P("ws_msg_rtt", m => m.Max)} |");
        foreach (var step in ws.StepRoundTrips)
        {
            var f = step.Figures;
            var n = f.Count ?? 0;
            md.AppendLine(Inv, $"| round trip of {Escape(step.Label)} ({Units.Count(n)} replies) | | | | | | | {Units.Duration(f.P50 ?? double.NaN, n)} | {Units.Duration(f.P95 ?? double.NaN, n)} | {Units.Duration(f.P99 ?? double.NaN, n)} | {Units.Duration(f.Max ?? double.NaN, n)} |");
        }

        if (ws.ErrorKinds.Count > 0)
        {
            md.AppendLine().AppendLine(Inv, $"WebSocket errors: {Escape(WebSocketRenderer.ErrorText(ws))}");
        }
    }

    /// <summary>What limited the service (docs/watching.md#findings), ranked; nothing when the target was watched and no rule fired.</summary>
    private static void Findings(StringBuilder md, RunResult result)
    {
        var report = RunFindings.Analyze(result);
        if (report.Findings.Count == 0 && report.TargetWatched)
        {
            return;
        }

        md.AppendLine().AppendLine("**Findings**").AppendLine();
        var rank = 0;
        foreach (var finding in report.Findings)
        {
            md.AppendLine(Inv, $"{++rank}. **{Escape(finding.Title)}**: {Escape(FindingText.Sentence(finding))}");
        }

        if (!report.TargetWatched)
        {
            // After a list, a blank line first, or Markdown would read the note as part of the list's last item.
            var note = report.Findings.Count == 0 ? "None; " + FindingText.NotWatched : char.ToUpperInvariant(FindingText.NotWatched[0]) + FindingText.NotWatched[1..];
            md.Append(report.Findings.Count == 0 ? string.Empty : Environment.NewLine).AppendLine(Inv, $"{Escape(note)}.");
        }
    }

    private static string Escape(string text) => MarkdownText.Escape(text);
}
