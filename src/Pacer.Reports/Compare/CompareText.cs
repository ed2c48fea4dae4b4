using System.Globalization;
using Pacer.Analysis.Compare;

namespace Pacer.Reports.Compare;

/// <summary>How a comparison row reads, shared by the console, Markdown and JUnit outputs so they say the same thing.</summary>
internal static class CompareText
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>
    /// The rows' caveats and the report's warnings, each distinct caveat once with the rows it concerns: a caveat that holds for
    /// every row of a one-run-a-side comparison is one line, not twenty copies that bury the others.
    /// </summary>
    public static IReadOnlyList<string> Notes(ComparisonReport report)
    {
        var rowsByNote = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var row in report.Rows)
        {
            foreach (var note in row.Notes)
            {
                if (!rowsByNote.TryGetValue(note, out var rows))
                {
                    rowsByNote[note] = rows = [];
                    order.Add(note);
                }

                rows.Add($"{row.Group} {row.Metric}");
            }
        }

        return [.. order.Select(n => rowsByNote[n] is [var only] ? $"{only}: {n}" : $"{n} ({string.Join(", ", rowsByNote[n])})"), .. report.Warnings];
    }

    public static string Value(double value, string unit) => unit switch
    {
        "ratio" => (value * 100).ToString("0.###", Inv) + "%",
        "ms" => value.ToString(value < 10 ? "0.###" : "0.#", Inv) + " ms",
        "req/s" => value.ToString("#,0.#", Inv) + "/s",
        _ => value.ToString(Math.Abs(value) < 10 ? "0.####" : "#,0.##", Inv) + (unit.Length > 0 ? " " + unit : string.Empty),
    };

    /// <summary>The change with its interval: <c>+12.3% [+8.1%, +16.4%]</c>; error rates in percentage points.</summary>
    public static string Change(ComparisonRow row)
    {
        if (row.Metric == "error_rate" || row.Unit == "ratio")
        {
            return $"{Pp(row.Change)} [{Pp(row.Lower)}, {Pp(row.Upper)}]";
        }

        if (double.IsNaN(row.Change))
        {
            return "n/a";
        }

        return row.Lower == row.Upper ? Percent(row.Change) : $"{Percent(row.Change)} [{Percent(row.Lower)}, {Percent(row.Upper)}]";
    }

    /// <summary>benchstat's habit: <c>~</c> when nothing is significant after correction, else the adjusted p-value.</summary>
    public static string P(ComparisonRow row) =>
        row.AdjustedP is not { } p ? "n/a" : row.Significant ? "p=" + p.ToString(p < 0.001 ? "0.0e0" : "0.000", Inv) : "~ (p=" + p.ToString("0.00", Inv) + ")";

    public static string Verdict(ComparisonRow row) => row.Verdict switch
    {
        Analysis.Compare.Verdict.Regressed => "regressed",
        Analysis.Compare.Verdict.Improved => "improved",
        Analysis.Compare.Verdict.Equivalent => "equivalent",
        _ => row.RunsToSettle switch
        {
            { } n when n <= 100 => $"inconclusive (~{n} runs a side would settle it)",
            { } => "inconclusive (the change is close to the threshold: over 100 runs a side would be needed)",
            _ => "inconclusive",
        },
    };

    public static string Percent(double change) => (change >= 0 ? "+" : string.Empty) + (change * 100).ToString("0.0", Inv) + "%";

    private static string Pp(double difference) => (difference >= 0 ? "+" : string.Empty) + (difference * 100).ToString("0.00", Inv) + " pp";
}
