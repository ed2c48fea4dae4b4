using Pacer.Analysis.Inputs;

namespace Pacer.Analysis.History;

/// <summary>One quantity over the runs kept, oldest first (by commit time, then by when recorded).</summary>
/// <param name="Key">What the series follows.</param>
/// <param name="Unit">The unit of every point's value (<c>ms</c>, <c>req/s</c>, <c>ratio</c>, <c>ns</c> …).</param>
/// <param name="Direction">Which way is better, so a change can be called a regression or an improvement.</param>
/// <param name="Points">The runs' values, oldest first.</param>
public sealed record HistorySeries(SeriesKey Key, string Unit, MetricDirection Direction, IReadOnlyList<HistoryPoint> Points);
