namespace Pacer.Core.Results;

/// <summary>
/// One second of a metric in the run's series (<see cref="IntervalResult.Metrics"/>): a counter's increase in the second, or a
/// trend's values recorded in it. Percentiles in milliseconds; absent for a counter.
/// </summary>
/// <param name="Count">Counter: what was added in the second (messages sent …). Trend: values recorded in it.</param>
public sealed record IntervalMetric(long Count)
{
    /// <summary>Trend: median of the second's values, ms.</summary>
    public double? P50 { get; init; }

    /// <summary>Trend: 95th percentile, ms.</summary>
    public double? P95 { get; init; }

    /// <summary>Trend: 99th percentile, ms.</summary>
    public double? P99 { get; init; }

    /// <summary>Trend: largest value of the second, ms.</summary>
    public double? Max { get; init; }
}
