namespace Pacer.Core.Recording;

/// <summary>
/// One second of one of the plan's metrics that keeps a per-second series (the WebSocket ones): a counter's increase in the
/// interval, or a trend's values recorded in it with their percentiles (microseconds).
/// </summary>
/// <param name="Index">The metric's index in <see cref="CustomMetrics.Specs"/>.</param>
/// <param name="Count">Counter: what was added in the interval. Trend: how many values were recorded in it.</param>
/// <param name="P50Micros">Trend: the interval's median; 0 for a counter.</param>
/// <param name="P95Micros">Trend: 95th percentile.</param>
/// <param name="P99Micros">Trend: 99th percentile.</param>
/// <param name="MaxMicros">Trend: largest value.</param>
internal readonly record struct MetricSecond(int Index, long Count, long P50Micros, long P95Micros, long P99Micros, long MaxMicros);
