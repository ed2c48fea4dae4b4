using Pacer.Analysis.Inputs;

namespace Pacer.Analysis.History;

/// <summary>A significant change in one series: where it began, by how much, how sure, and what else moved with it.</summary>
/// <param name="Key">The series. For a <see cref="ChangeKind.Shape"/> change the metric is <c>distribution</c>.</param>
/// <param name="Kind">Whether the series' number or its distribution's shape moved.</param>
/// <param name="Index">The position of the first run after the change among the series' points checked (a point left out as unusable, see <see cref="HistoryCheckReport.Problems"/>, does not count).</param>
/// <param name="Run">The first run after the change: its id and commit say where the change began.</param>
/// <param name="Measure">What the magnitude is of: the series' metric, or for a shape change the quantile that moved most (<c>p99</c> …).</param>
/// <param name="Unit">The unit of <see cref="Before"/>, <see cref="After"/> and the shift.</param>
/// <param name="Before">The median of the runs from the previous change point (or the first run) up to this one.</param>
/// <param name="After">The median of the runs from this change point up to the next one (or the newest run).</param>
/// <param name="Shift">The Hodges–Lehmann shift after − before, with its <see cref="HistoryCheckOptions.Confidence"/> interval.</param>
/// <param name="Relative">The ratio after/before (Hodges–Lehmann: the median of the pairwise ratios) with its interval;
/// null when a value is not positive (an error rate of 0), where a ratio means nothing.</param>
/// <param name="PValue">The p-value of the split from the chosen <see cref="SignificanceTest"/>.</param>
/// <param name="QValue">The Benjamini–Hochberg adjusted p-value across every series checked together.</param>
/// <param name="Direction">Regression or improvement, by the series' direction.</param>
/// <param name="Expected">Marked as expected (<see cref="ExpectedChange"/>): listed, never failing the verdict.</param>
/// <param name="MovedWith">The other series of the same plan with a change point at the same run.</param>
public sealed record ChangePoint(
    SeriesKey Key,
    ChangeKind Kind,
    int Index,
    HistoryRun Run,
    string Measure,
    string Unit,
    double Before,
    double After,
    Statistics.HodgesLehmannEstimate Shift,
    Statistics.HodgesLehmannEstimate? Relative,
    double PValue,
    double QValue,
    ChangeDirection Direction,
    bool Expected,
    IReadOnlyList<SeriesKey> MovedWith)
{
    /// <summary>
    /// How far the change goes, as a fraction of <see cref="Before"/> (0.12 = 12%): the relative estimate's size, or +∞ when no
    /// ratio exists (a quantity rising from zero, such as errors appearing), which beats any threshold.
    /// </summary>
    public double Size => Relative is { } relative ? Math.Abs(relative.Estimate - 1) : double.PositiveInfinity;
}
