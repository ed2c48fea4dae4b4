using Pacer.Core.Results;

namespace Pacer.Reports.Html;

/// <summary>Per-second rates and latencies out of a run's interval series, for the over-time charts of every report page.</summary>
internal static class IntervalRates
{
    /// <summary>(end of interval in s, <paramref name="count"/> per second) for each interval.</summary>
    public static List<(double X, double Y)> PerSecond(IReadOnlyList<IntervalResult> series, Func<IntervalResult, long> count)
    {
        var rates = new List<(double X, double Y)>(series.Count);
        var previousT = 0.0;
        foreach (var interval in series)
        {
            // Intervals are nominally one second, but the last one may be short; divide by the real width.
            var width = interval.T - previousT > 0 ? interval.T - previousT : 1;
            rates.Add((interval.T, count(interval) / width));
            previousT = interval.T;
        }

        return rates;
    }

    /// <summary>
    /// The per-second series without a final sliver of an interval (under half a second): the few requests that finish in the
    /// last milliseconds of a run would read as a spike in requests/s and a jump in latency. Their numbers stay in the totals.
    /// </summary>
    public static IReadOnlyList<IntervalResult> WholeSeconds(IReadOnlyList<IntervalResult> series)
    {
        if (series.Count < 2 || series[^1].T - series[^2].T >= 0.5)
        {
            return series;
        }

        return [.. series.Take(series.Count - 1)];
    }

    /// <summary>The p50, p95 and p99 lines of a latency-over-time chart, in the colours every page uses for them.</summary>
    public static List<Charts.ChartSeries> Latencies(IReadOnlyList<IntervalResult> series) =>
    [
        new("p50", series.Select(i => (i.T, i.P50)).ToList(), "series-1"),
        new("p95", series.Select(i => (i.T, i.P95)).ToList(), "series-5"),
        new("p99", series.Select(i => (i.T, i.P99)).ToList(), "series-2"),
    ];
}
