using Pacer.Analysis.Inputs;

namespace Pacer.Analysis.History;

/// <summary>One series' outcome in a <see cref="HistoryCheckReport"/>.</summary>
/// <param name="Key">The series (metric <c>distribution</c> for a request's shape series).</param>
/// <param name="Kind">A series' own numbers, or a request's latency distributions.</param>
/// <param name="Unit">The unit of the series' values.</param>
/// <param name="Direction">Which way is better.</param>
/// <param name="Points">How many runs the series holds (for a shape series: runs whose histogram decoded).</param>
/// <param name="NoiseFloor">The relative change below which nothing is reported: the spread of repeated runs of one commit
/// (their pooled standard deviation, in log terms, turned into a fraction); null when no commit was measured twice.</param>
/// <param name="ChangePoints">The series' reported change points, oldest first.</param>
public sealed record SeriesCheck(
    SeriesKey Key,
    ChangeKind Kind,
    string Unit,
    MetricDirection Direction,
    int Points,
    double? NoiseFloor,
    IReadOnlyList<ChangePoint> ChangePoints);
