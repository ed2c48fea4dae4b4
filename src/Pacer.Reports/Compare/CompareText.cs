using System.Globalization;
using Pacer.Analysis.Compare;
using Units = Pacer.Reports.Formatting.Units;

namespace Pacer.Reports.Compare;

/// <summary>How a comparison row reads, shared by the console, Markdown and JUnit outputs so they say the same thing.</summary>
internal static class CompareText
{
    private const double SmallestP = 1e-300;

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

    /// <summary>
    /// A row's value in the report-wide formats (<see cref="Units"/>): durations, rates and error rates read as in the run
    /// summary; a benchmark's own units (ns, B, allocs) keep their unit. No value (a side without requests) is <c>–</c>.
    /// </summary>
    public static string Value(double value, string unit) => double.IsNaN(value) ? Units.Missing : unit switch
    {
        "ratio" => Units.Percent(value),
        "ms" => Units.Duration(value),
        "req/s" or "msg/s" => Units.Rate(value),
        _ => value.ToString(Math.Abs(value) < 10 ? "0.####" : "#,0.##", Inv) + (unit.Length > 0 ? " " + unit : string.Empty),
    };

    /// <summary>The change with its interval: <c>+12.3% [+8.1%, +16.4%]</c>; error rates in percentage points.</summary>
    public static string Change(ComparisonRow row)
    {
        if (double.IsNaN(row.Change))
        {
            return "n/a";
        }

        if (row.Metric == "error_rate" || row.Unit == "ratio")
        {
            return $"{Pp(row.Change)} [{Pp(row.Lower)}, {Pp(row.Upper)}]";
        }

        return row.Lower == row.Upper ? Percent(row.Change) : $"{Percent(row.Change)} [{Percent(row.Lower)}, {Percent(row.Upper)}]";
    }

    /// <summary>
    /// benchstat's habit: <c>~</c> when nothing is significant after correction, else the adjusted p-value. A p-value too small for
    /// a double (the score interval still leaves out 0 at z = 40) prints as the bound it is below, never as <c>p=0.0e0</c>.
    /// </summary>
    public static string P(ComparisonRow row) => row.AdjustedP switch
    {
        null => "n/a",
        < SmallestP => "p<1e-300",
        { } p when row.Significant => "p=" + p.ToString(p < 0.001 ? "0.0e0" : "0.000", Inv),
        { } p => "~ (p=" + p.ToString("0.00", Inv) + ")",
    };

    /// <summary>The verdict in words, with what it rests on when that is not simply the interval.</summary>
    public static string Verdict(ComparisonRow row) => (row.Verdict, row.Basis) switch
    {
        (Analysis.Compare.Verdict.Regressed, _) => "regressed",
        (Analysis.Compare.Verdict.Improved, _) => "improved",
        (Analysis.Compare.Verdict.Equivalent, VerdictBasis.NoiseFloor) =>
            $"equivalent by the noise floor (a {Units.Duration(Math.Abs(row.Current - row.Baseline))} difference; the interval alone cannot tell)",
        (Analysis.Compare.Verdict.Equivalent, VerdictBasis.NoErrors) => "equivalent (no errors on either side)",
        (Analysis.Compare.Verdict.Equivalent, _) => "equivalent",
        (_, VerdictBasis.NotSignificantAfterCorrection) => "inconclusive (beyond the threshold, but not significant after Holm's correction)",
        _ => row.RunsToSettle switch
        {
            { } n when n <= 100 => $"inconclusive (~{n} runs a side would settle it)",
            { } => "inconclusive (the change is close to the threshold: over 100 runs a side would be needed)",
            _ => "inconclusive",
        },
    };

    /// <summary>The threshold that applied, as a change reads: <c>5%</c>, or <c>0.5 pp</c> for an error rate's absolute gate.</summary>
    public static string Threshold(ComparisonRow row) =>
        row.Metric == "error_rate" || row.Unit == "ratio"
            ? (row.Threshold * 100).ToString("0.##", Inv) + " pp"
            : (row.Threshold * 100).ToString("0.##", Inv) + "%";

    /// <summary>A signed change, <c>+12.3%</c>; a change that rounds to nothing is <c>0.0%</c>, never <c>-0.0%</c>.</summary>
    public static string Percent(double change) => Signed(change * 100, "#,0.0", "%");

    private static string Pp(double difference) => Signed(difference * 100, "0.00", " pp");

    private static string Signed(double value, string format, string suffix)
    {
        var text = Math.Abs(value).ToString(format, Inv);
        return double.IsNaN(value) ? "n/a"
            : text.All(c => c is '0' or '.' or ',') ? text + suffix
            : (value > 0 ? "+" : "-") + text + suffix;
    }
}
