namespace Pacer.Core.Results;

/// <summary>
/// A latency distribution in milliseconds, with the histogram it was computed from so it can be merged or re-queried.
/// Percentiles are nearest-rank (the smallest value at or above p% of the samples) at the histogram's precision (3
/// significant digits), never below <see cref="Min"/> nor above <see cref="Max"/>; all zero when <see cref="Count"/> is 0.
/// </summary>
/// <param name="Count">Number of samples.</param>
/// <param name="Min">Smallest sample, in milliseconds (exact).</param>
/// <param name="Mean">Arithmetic mean, in milliseconds.</param>
/// <param name="P50">Median, in milliseconds.</param>
/// <param name="P90">90th percentile, in milliseconds.</param>
/// <param name="P95">95th percentile, in milliseconds.</param>
/// <param name="P99">99th percentile, in milliseconds.</param>
/// <param name="P999">99.9th percentile, in milliseconds.</param>
/// <param name="Max">Largest sample, in milliseconds (exact).</param>
/// <param name="Histogram">
/// The HDR histogram of the samples in <b>microseconds</b>: base64 of HdrHistogram's V2 compressed encoding. Read it with
/// <see cref="Percentile"/>, or <see cref="Recording.LatencyHistogram.Decode"/> to ask many percentiles or merge runs.
/// </param>
public sealed record DurationStats(
    long Count,
    double Min,
    double Mean,
    double P50,
    double P90,
    double P95,
    double P99,
    double P999,
    double Max,
    string Histogram)
{
    /// <summary>
    /// Any percentile (0 to 100) in milliseconds, recomputed from <see cref="Histogram"/> the same way the stored ones were
    /// computed, so <c>Percentile(99)</c> equals <see cref="P99"/>. Decodes the histogram on every call: to ask many, decode
    /// it once with <see cref="Recording.LatencyHistogram.Decode"/> (microseconds).
    /// </summary>
    /// <exception cref="FormatException"><see cref="Histogram"/> is not a histogram Pacer can read.</exception>
    public double Percentile(double percentile) => StoredHistogram.PercentileMs(Histogram, percentile, Min, Max);
}
