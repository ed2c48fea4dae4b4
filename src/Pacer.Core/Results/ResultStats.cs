using Pacer.Core.Plans;
using Pacer.Core.Recording;
using Pacer.Core.Thresholds;

namespace Pacer.Core.Results;

/// <summary>
/// How the result file writes figures: a histogram as <see cref="DurationStats"/>, and a catalogue metric as its
/// <see cref="MetricResult"/> entry, the very snapshot thresholds are judged on.
/// </summary>
internal static class ResultStats
{
    /// <summary>Milliseconds statistics of a microsecond histogram, with the histogram encoded for later merging.</summary>
    public static DurationStats Stats(LatencyHistogram h) =>
        h.TotalCount == 0
            ? new DurationStats(0, 0, 0, 0, 0, 0, 0, 0, 0, h.Encode())
            : new DurationStats(
                h.TotalCount,
                Ms(h.Min),
                MetricCatalog.MeanMs(h),
                Ms(h.ValueAtPercentile(50)),
                Ms(h.ValueAtPercentile(90)),
                Ms(h.ValueAtPercentile(95)),
                Ms(h.ValueAtPercentile(99)),
                Ms(h.ValueAtPercentile(99.9)),
                Ms(h.Max),
                h.Encode());

    /// <summary>The file's entry for one catalogue metric.</summary>
    public static MetricResult Metric(MetricSnapshot snapshot) => snapshot.Kind switch
    {
        MetricKind.Counter => new MetricResult { Type = "counter", Unit = snapshot.Unit, Count = snapshot.Count, Rate = snapshot.Rate },
        MetricKind.Rate => new MetricResult { Type = "rate", Rate = snapshot.Rate, Passes = snapshot.Passes, Fails = snapshot.Count - snapshot.Passes },
        MetricKind.Gauge => new MetricResult { Type = "gauge", Value = snapshot.Value, Min = snapshot.Min, Max = snapshot.Max },
        _ => Trend(snapshot),
    };

    private static MetricResult Trend(MetricSnapshot snapshot)
    {
        // The snapshot's mean, not the histogram's: for a trend merged from parts it is the count-weighted mean the catalogue judges.
        var s = Stats(snapshot.Histogram!) with { Mean = snapshot.Count == 0 ? 0 : snapshot.Mean };
        return new MetricResult
        {
            Type = "trend",
            Unit = snapshot.Unit,
            Count = s.Count,
            Min = s.Min,
            Mean = s.Mean,
            P50 = s.P50,
            P90 = s.P90,
            P95 = s.P95,
            P99 = s.P99,
            P999 = s.P999,
            Max = s.Max,
            Histogram = s.Histogram,
        };
    }

    private static double Ms(long micros) => micros / 1000.0;
}
