namespace Pacer.Core.Plans;

/// <summary>The statistic a threshold compares; which ones apply depends on the metric's <see cref="MetricKind"/>.</summary>
public enum ThresholdAggregation
{
    /// <summary>Trend: arithmetic mean.</summary>
    Avg,
    /// <summary>Trend or gauge: smallest value.</summary>
    Min,
    /// <summary>Trend or gauge: largest value.</summary>
    Max,
    /// <summary>Trend: median, same as p(50).</summary>
    Med,
    /// <summary>Trend: p(N), the percentile in <see cref="ThresholdExpression.Percentile"/>.</summary>
    Percentile,
    /// <summary>Rate metric: fraction of non-zero samples; counter: per second.</summary>
    Rate,
    /// <summary>Counter: total count.</summary>
    Count,
    /// <summary>Gauge: last value.</summary>
    Value,
    /// <summary>A watched target metric: its value in the last second read.</summary>
    Last,
}
