namespace Pacer.Core.Plans;

/// <summary>A parsed k6 threshold such as <c>p(95)&lt;15ms</c>. <paramref name="Value"/> is in base units: milliseconds for durations, a fraction for rates, a plain number for counts.</summary>
public sealed record ThresholdExpression(
    ThresholdAggregation Aggregation,
    double? Percentile,
    ComparisonOperator Operator,
    double Value)
{
    /// <summary>
    /// For a threshold on a watched target metric: what <see cref="Value"/> is measured in — <c>%</c> (a fraction: of the metric's
    /// limit for cores and bytes, the ratio itself for a ratio), <c>bytes</c>, <c>cores</c>, <c>ms</c> or <c>bytes_per_second</c>;
    /// null when it was written without a unit (the metric's own). Always null for Pacer's own metrics, whose value is converted.
    /// </summary>
    public string? Unit { get; init; }
}
