namespace Pacer.Core.Thresholds;

/// <summary>
/// One watched target metric as thresholds read it (the result's <c>target.metrics</c> entry, in this folder's own shape so
/// thresholds need nothing from Results or Monitoring): its per-second values and the summary the result file keeps.
/// </summary>
/// <param name="Name">Its name (<c>target_cpu</c>, a scraped metric's name).</param>
/// <param name="Source">The kind of the source it came from (<c>pid</c>, <c>cgroup</c> …).</param>
/// <param name="Unit">What its values count, as the result file writes it (<c>cores</c>, <c>bytes</c>, <c>ratio</c> …).</param>
/// <param name="Limit">The most the target may use in the same unit, when known: a bound in % is of it.</param>
/// <param name="Values">Its value for each second read, in time order.</param>
/// <param name="Mean">Mean of the values, as the result file keeps it.</param>
/// <param name="Min">Smallest value.</param>
/// <param name="Max">Largest value.</param>
/// <param name="Last">The last value.</param>
internal sealed record TargetFigures(string Name, string Source, string Unit, double? Limit, IReadOnlyList<double> Values, double Mean, double Min, double Max, double Last);
