using System.Text;
using Pacer.Analysis.Compare;

namespace Pacer.Reports.Compare;

/// <summary>The comparison as Markdown for a pull-request comment or a CI step summary.</summary>
internal static class CompareMarkdownWriter
{
    public static string Write(ComparisonReport report)
    {
        var md = new StringBuilder();
        var regressed = report.Rows.Count(r => r.Verdict == Verdict.Regressed);
        md.AppendLine(regressed > 0 ? $"### ❌ {regressed} of {report.Rows.Count} comparisons regressed" : $"### ✅ No regression in {report.Rows.Count} comparisons");
        md.AppendLine();
        foreach (var metric in report.Rows.GroupBy(r => r.Metric, StringComparer.Ordinal))
        {
            md.AppendLine($"**{Escape(metric.Key)}**").AppendLine();
            md.AppendLine("| | baseline | current | change [95% CI] | p (Holm) | n | verdict |");
            md.AppendLine("|---|---:|---:|---:|---:|---:|---|");
            foreach (var row in metric)
            {
                md.AppendLine($"| {Escape(row.Group)} | {CompareText.Value(row.Baseline, row.Unit)} | {CompareText.Value(row.Current, row.Unit)} | {CompareText.Change(row)} | {Escape(CompareText.P(row))} | {row.BaselineRuns}+{row.CurrentRuns} | {CompareText.Verdict(row)} |");
            }

            if (report.Geomeans.TryGetValue(metric.Key, out var geomean))
            {
                md.AppendLine($"| *geomean* | | | {CompareText.Percent(geomean - 1)} | | | |");
            }

            md.AppendLine();
        }

        foreach (var note in CompareText.Notes(report))
        {
            md.AppendLine($"- {Escape(note)}");
        }

        return md.ToString();
    }

    private static string Escape(string text) => Markdown.MarkdownText.Escape(text);
}
