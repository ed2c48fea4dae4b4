using Pacer.Core.Results;
using Spectre.Console;

namespace Pacer.Reports.Console;

/// <summary>
/// Threshold verdicts and the verdict line, as the end-of-run summary prints them and as <c>pacer check</c> prints thresholds
/// judged on a saved result: the same lines either way, so a verdict read back from a file looks exactly like the live one.
/// </summary>
internal static class ThresholdsRenderer
{
    /// <summary>One line per threshold: mark, key, expression, and the actual value in its metric's unit (or why there is none).</summary>
    public static void RenderList(RunResult result, IReadOnlyList<ThresholdResult> thresholds, IAnsiConsole console)
    {
        if (thresholds.Count == 0)
        {
            return;
        }

        console.MarkupLine("[bold]thresholds[/]");

        // With thresholds from SLO files beside the plan's, each says where it came from.
        var mixed = thresholds.Any(t => t.Origin is not null);
        foreach (var t in thresholds)
        {
            var mark = t.Passed ? "[green]✓[/]" : "[red]✗[/]";
            var actual = t.Actual is null
                ? t.Note is { } n ? n : "no samples"
                : "actual " + ThresholdActual.Format(result, t);
            var note = t.Note is null || t.Actual is null ? string.Empty : $" · {t.Note}";
            var origin = mixed ? $" · {t.Origin ?? "plan"}" : string.Empty;
            console.MarkupLine($"  {mark} {TerminalText.Markup(t.Metric)} {TerminalText.Markup(t.Expression)}  [grey]{TerminalText.Markup(actual + note + origin)}[/]");
            if (t.Meaning is { } meaning)
            {
                console.MarkupLine($"      [grey]{TerminalText.Markup(meaning)}[/]");
            }
        }

        console.WriteLine();
    }

    /// <summary>PASSED or FAILED with the count of failed thresholds (and SLO objectives), or why the run cannot pass whatever they say.</summary>
    public static void RenderVerdict(IReadOnlyList<ThresholdResult> thresholds, string? notPassedReason, IAnsiConsole console, IReadOnlyList<SloResult>? slo = null)
    {
        var failed = thresholds.Count(t => !t.Passed);
        if (slo is { Count: > 0 } && notPassedReason is null)
        {
            var sloFailed = slo.Count(o => !o.Passed);
            var judged = thresholds.Count == 0 ? string.Empty : failed == 0 ? $" · all {thresholds.Count} thresholds" : $" · {failed} of {thresholds.Count} thresholds failed";
            console.MarkupLine(failed + sloFailed == 0
                ? $"[green bold]PASSED[/] all {slo.Count} SLO objectives{TerminalText.Markup(judged)}"
                : $"[red bold]FAILED[/] {sloFailed} of {slo.Count} SLO objectives{TerminalText.Markup(judged)}");
            return;
        }

        if (notPassedReason is { } reason)
        {
            var counts = thresholds.Count == 0 ? string.Empty : $" · {failed} of {thresholds.Count} thresholds failed";
            console.MarkupLine($"[red bold]FAILED[/] {TerminalText.Markup(reason)}{TerminalText.Markup(counts)}");
        }
        else if (thresholds.Count == 0)
        {
            console.MarkupLine("[grey]no thresholds declared[/]");
        }
        else if (failed == 0)
        {
            console.MarkupLine($"[green bold]PASSED[/] all {thresholds.Count} thresholds");
        }
        else
        {
            console.MarkupLine($"[red bold]FAILED[/] {failed} of {thresholds.Count} thresholds");
        }
    }
}
