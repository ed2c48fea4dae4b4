using Pacer.Analysis.Statistics;
using Pacer.Core.Recording;

namespace Pacer.Analysis.Inputs;

/// <summary>
/// Turns a latency distribution of any size into at most <see cref="MaxSamples"/> values that keep its shape, so quantiles can be
/// bootstrapped without carrying millions of raw values. The values are the distribution's quantiles at the evenly spaced
/// probabilities (i + 0.5) / n: each stands for an equal share of the mass, so any quantile of the thinned sample is within one
/// step of the original's.
/// </summary>
internal static class SampleThinning
{
    /// <summary>The most samples one observation carries.</summary>
    public const int MaxSamples = 2_000;

    /// <summary>
    /// The values themselves when there are at most <see cref="MaxSamples"/>, otherwise their (i + 0.5) / n quantiles
    /// (linear interpolation between order statistics).
    /// </summary>
    public static IReadOnlyList<double> Thin(IReadOnlyList<double> values)
    {
        if (values.Count <= MaxSamples)
        {
            return values;
        }

        var sorted = values.ToArray();
        Array.Sort(sorted);
        var thinned = new double[MaxSamples];
        for (var i = 0; i < MaxSamples; i++)
        {
            thinned[i] = SortedQuantile.Linear(sorted, (i + 0.5) / MaxSamples);
        }

        return thinned;
    }

    /// <summary>
    /// The (i + 0.5) / n quantiles of a microsecond histogram in milliseconds, n = min(count, <see cref="MaxSamples"/>), computed
    /// as <see cref="LatencyHistogram.ValueAtPercentile"/> does (highest value of the bucket reaching the rank, clamped to the
    /// exact min and max) but in one pass over the buckets. With no more than <see cref="MaxSamples"/> values this is every
    /// recorded value at bucket precision.
    /// </summary>
    public static IReadOnlyList<double> FromHistogram(LatencyHistogram histogram)
    {
        var total = histogram.TotalCount;
        if (total == 0)
        {
            return [];
        }

        var n = (int)Math.Min(total, MaxSamples);
        var samples = new double[n];
        using var buckets = histogram.RecordedBuckets().GetEnumerator();
        buckets.MoveNext();
        var cumulative = buckets.Current.Count;
        for (var i = 0; i < n; i++)
        {
            // (i + 0.5) / n as the exact fraction (2i + 1) / 2n: a double product lands an ulp above a whole rank.
            var rank = QuantileRank.Of((2L * i) + 1, 2L * n, total);
            while (cumulative < rank && buckets.MoveNext())
            {
                cumulative += buckets.Current.Count;
            }

            var micros = Math.Max(Math.Min(buckets.Current.To, histogram.Max), histogram.Min);
            samples[i] = micros / 1000.0;
        }

        return samples;
    }
}
