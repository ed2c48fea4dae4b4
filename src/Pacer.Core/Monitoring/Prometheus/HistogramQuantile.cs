namespace Pacer.Core.Monitoring.Prometheus;

/// <summary>
/// PromQL's <c>histogram_quantile</c> over classic buckets, rewritten from Prometheus' <c>bucketQuantile</c> so that a scraped
/// p99 is the number a Grafana panel over the same buckets shows: the rank falls in a bucket and the value is interpolated
/// linearly between its bounds; a rank in the <c>+Inf</c> bucket gives the highest finite bound; the first bucket starts at 0
/// unless its bound is not positive.
/// </summary>
internal static class HistogramQuantile
{
    /// <summary>The <paramref name="q"/> quantile of cumulative <paramref name="buckets"/> (upper bound, count), NaN when there are no observations.</summary>
    public static double Of(double q, IReadOnlyList<(double UpperBound, double Count)> buckets)
    {
        if (double.IsNaN(q)) return double.NaN;
        if (q < 0) return double.NegativeInfinity;
        if (q > 1) return double.PositiveInfinity;
        var sorted = buckets.OrderBy(b => b.UpperBound).ToArray();
        if (sorted.Length < 2 || !double.IsPositiveInfinity(sorted[^1].UpperBound)) return double.NaN;

        // Counts scraped from separate series can dip by a hair (float sums, a scrape between updates); Prometheus raises
        // each bucket to at least its predecessor so the search below sees a cumulative series.
        for (var i = 1; i < sorted.Length; i++)
        {
            if (sorted[i].Count < sorted[i - 1].Count) sorted[i].Count = sorted[i - 1].Count;
        }

        var observations = sorted[^1].Count;
        if (observations <= 0 || double.IsNaN(observations)) return double.NaN;
        var rank = q * observations;
        var b = 0;
        while (b < sorted.Length - 1 && sorted[b].Count < rank) b++;

        if (b == sorted.Length - 1) return sorted[^2].UpperBound;
        if (b == 0 && sorted[0].UpperBound <= 0) return sorted[0].UpperBound;

        var bucketStart = 0.0;
        var bucketEnd = sorted[b].UpperBound;
        var count = sorted[b].Count;
        if (b > 0)
        {
            bucketStart = sorted[b - 1].UpperBound;
            count -= sorted[b - 1].Count;
            rank -= sorted[b - 1].Count;
        }

        return bucketStart + ((bucketEnd - bucketStart) * (rank / count));
    }
}
