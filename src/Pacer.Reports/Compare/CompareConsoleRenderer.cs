using Pacer.Analysis.Compare;
using Pacer.Reports.Console;
using Spectre.Console;

namespace Pacer.Reports.Compare;

/// <summary>The comparison as an aligned, coloured table per metric, then the geomeans, notes and a one-line verdict.</summary>
internal static class CompareConsoleRenderer
{
    public static void Render(ComparisonReport report, IAnsiConsole console)
    {
        console.MarkupLineInterpolated($"[grey]baseline: {TerminalText.Clean(string.Join(", ", report.BaselineSources))}[/]");
        console.MarkupLineInterpolated($"[grey]current:  {TerminalText.Clean(string.Join(", ", report.CurrentSources))}[/]");
        console.WriteLine();
        foreach (var metric in report.Rows.GroupBy(r => r.Metric, StringComparer.Ordinal))
        {
            var table = new Table().Border(TableBorder.Simple).Title($"[bold]{TerminalText.Markup(metric.Key)}[/]");
            table.AddColumns("", "baseline", "current", "change [[95% CI]]", "p (Holm)", "n", "verdict");
            foreach (var row in metric)
            {
                var colour = row.Verdict switch { Verdict.Regressed => "red", Verdict.Improved => "green", Verdict.Equivalent => "grey", _ => "yellow" };
                table.AddRow(
                    TerminalText.Markup(row.Group),
                    TerminalText.Markup(CompareText.Value(row.Baseline, row.Unit)),
                    TerminalText.Markup(CompareText.Value(row.Current, row.Unit)),
                    TerminalText.Markup(CompareText.Change(row)),
                    TerminalText.Markup(CompareText.P(row)),
                    $"{row.BaselineRuns}+{row.CurrentRuns}",
                    $"[{colour}]{TerminalText.Markup(CompareText.Verdict(row))}[/]");
            }

            if (report.Geomeans.TryGetValue(metric.Key, out var geomean))
            {
                table.AddRow("[grey]geomean[/]", "", "", TerminalText.Markup(CompareText.Percent(geomean - 1)), "", "", "");
            }

            console.Write(table);
        }

        foreach (var note in CompareText.Notes(report))
        {
            console.MarkupLineInterpolated($"[yellow]note:[/] {TerminalText.Clean(note)}");
        }

        var regressed = report.Rows.Count(r => r.Verdict == Verdict.Regressed);
        console.WriteLine();
        console.MarkupLine(regressed > 0
            ? $"[red bold]REGRESSED[/] {regressed} of {report.Rows.Count} comparisons"
            : $"[green bold]NO REGRESSION[/] in {report.Rows.Count} comparisons ({report.Rows.Count(r => r.Verdict == Verdict.Inconclusive)} inconclusive)");
    }
}
