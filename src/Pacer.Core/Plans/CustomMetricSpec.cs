namespace Pacer.Core.Plans;

/// <summary>A metric declared in the plan (<c>metrics: {name: trend | rate | counter}</c>), fed by scenario steps' <c>record</c>.</summary>
/// <param name="Name">The metric's name, as thresholds and results use it.</param>
/// <param name="Kind">Trend (values in ms, percentiles), rate (share of true), or counter (a running sum of whole numbers).</param>
public sealed record CustomMetricSpec(string Name, MetricKind Kind);
