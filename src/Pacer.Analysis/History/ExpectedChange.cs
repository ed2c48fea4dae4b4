namespace Pacer.Analysis.History;

/// <summary>
/// A change point someone marked as expected (a deliberate trade-off): the check still lists it but it no longer fails the verdict.
/// </summary>
/// <param name="Key">The series it was found in. A mark on any latency quantile of a plan's request also covers the shape change
/// of that request's distribution at the same run (both come from the same histograms).</param>
/// <param name="RunId">The first run after the change (<see cref="ChangePoint.Run"/>'s id).</param>
public sealed record ExpectedChange(SeriesKey Key, long RunId);
