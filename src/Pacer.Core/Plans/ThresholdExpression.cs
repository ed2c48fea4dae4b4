namespace Pacer.Core.Plans;

/// <summary>A parsed k6 threshold such as <c>p(95)&lt;15ms</c>. <paramref name="Value"/> is in base units: milliseconds for durations, a fraction for rates, a plain number for counts.</summary>
public sealed record ThresholdExpression(
    ThresholdAggregation Aggregation,
    double? Percentile,
    ComparisonOperator Operator,
    double Value);
