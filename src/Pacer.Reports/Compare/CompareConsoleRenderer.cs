using Pacer.Analysis.Compare;
using Spectre.Console;

namespace Pacer.Reports.Compare;

/// <summary>The comparison as an aligned, coloured table per metric, then the geomeans, notes and a one-line verdict.</summary>
internal static class CompareConsoleRenderer
{
    public static void Render(ComparisonReport report, IAnsiConsole console)
    {
        console.MarkupLineInterpolated($"[grey]baseline: {string.Join(", ", report.BaselineSources)}[/]");
        console.MarkupLineInterpolated($"[grey]current:  {string.Join(", ", report.CurrentSources)}[/]");
        console.WriteLine();
        foreach (var metric in report.Rows.GroupBy(r => r.Metric, StringComparer.Ordinal))
        {
            var table = new Table().Border(TableBorder.Simple).Title($"[bold]{Markup.Escape(metric.Key)}[/]");
            table.AddColumns("", "baseline", "current", "change [[95% CI]]", "p (Holm)", "n", "verdict");
            foreach (var row in metric)
            {
                var colour = row.Verdict switch { Verdict.Regressed => "red", Verdict.Improved => "green", Verdict.Equivalent => "grey", _ => "yellow" };
                table.AddRow(
                    Markup.Escape(row.Group),
                    Markup.Escape(CompareText.Value(row.Baseline, row.Unit)),
                    Markup.Escape(CompareText.Value(row.Current, row.Unit)),
                    Markup.Escape(CompareText.Change(row)),
                    Markup.Escape(CompareText.P(row)),
                    $"{row.BaselineRuns}+{row.CurrentRuns}",
                    $"[{colour}]{Markup.Escape(CompareText.Verdict(row))}[/]");
            }

            if (report.Geomeans.TryGetValue(metric.Key, out var geomean))
            {
                table.AddRow("[grey]geomean[/]", "", "", Markup.Escape(CompareText.Percent(geomean - 1)), "", "", "");
            }

            console.Write(table);
        }

        foreach (var note in CompareText.Notes(report))
        {
            console.MarkupLineInterpolated($"[yellow]note:[/] {note}");
        }

        var regressed = report.Rows.Count(r => r.Verdict == Verdict.Regressed);
        console.WriteLine();
        console.MarkupLine(regressed > 0
            ? $"[red bold]REGRESSED[/] {regressed} of {report.Rows.Count} comparisons"
            : $"[green bold]NO REGRESSION[/] in {report.Rows.Count} comparisons ({report.Rows.Count(r => r.Verdict == Verdict.Inconclusive)} inconclusive)");
    }
}
