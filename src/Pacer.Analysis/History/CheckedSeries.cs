using Pacer.Analysis.Inputs;

namespace Pacer.Analysis.History;

/// <summary>
/// A series made ready for the search: its runs, the measures a magnitude can be read from (the value itself; for a shape series
/// one column per quantile), and the split statistic over its distances.
/// </summary>
/// <param name="Key">The series.</param>
/// <param name="Kind">Numbers or distributions.</param>
/// <param name="Unit">The unit of every measure.</param>
/// <param name="Direction">Which way is better.</param>
/// <param name="Runs">The runs, oldest first.</param>
/// <param name="Measures">The names of the columns.</param>
/// <param name="Columns">Per measure, its value at each run.</param>
/// <param name="Split">The E-divisive statistic over the runs.</param>
/// <param name="NoiseFloor">The within-commit noise, per measure.</param>
internal sealed record CheckedSeries(
    SeriesKey Key,
    ChangeKind Kind,
    string Unit,
    MetricDirection Direction,
    IReadOnlyList<HistoryRun> Runs,
    IReadOnlyList<string> Measures,
    IReadOnlyList<double[]> Columns,
    EnergySplit Split,
    IReadOnlyList<double?> NoiseFloor)
{
    /// <summary>The number itself for the t-test variant; null for a shape series, which only the permutation test can judge.</summary>
    public double[]? Values => Kind == ChangeKind.Level ? Columns[0] : null;

    /// <summary>Numbers: the single column's noise floor. Shape: the smallest over the quantiles (the floor a change must beat somewhere).</summary>
    public double? SeriesFloor => NoiseFloor.Where(f => f is not null).Select(f => f!.Value).DefaultIfEmpty(double.NaN).Min() is var min && double.IsFinite(min) ? min : null;
}
