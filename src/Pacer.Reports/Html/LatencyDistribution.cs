using Pacer.Core.Recording;

namespace Pacer.Reports.Html;

/// <summary>
/// A latency histogram for a chart: the share of samples in equal-width bins from 0 to the 99th percentile (the maximum with
/// under 100 samples), read out of the run's HDR histogram. Latency has a long tail: the slowest 1% would stretch the x axis
/// until the body of the distribution is one bar, so they are counted in <see cref="Beyond"/> instead of drawn (the percentile
/// chart and the table show the tail).
/// </summary>
internal sealed record LatencyDistribution(IReadOnlyList<(double X, double Y)> Points, double UpperMs, long Count, long Beyond)
{
    /// <summary>The distribution of an encoded histogram (microseconds); null when it is missing, damaged or empty.</summary>
    /// <param name="encoded">Base64 HdrHistogram V2, as in the result file.</param>
    /// <param name="maxMs">The exact largest sample.</param>
    /// <param name="bins">How many bins.</param>
    public static LatencyDistribution? FromEncoded(string? encoded, double maxMs, int bins = 40)
    {
        if (string.IsNullOrEmpty(encoded))
        {
            return null;
        }

        try
        {
            return From(LatencyHistogram.Decode(encoded), maxMs, bins);
        }
        catch (FormatException)
        {
            // A damaged histogram costs its chart, not the page.
            return null;
        }
    }

    /// <summary>The distribution of <paramref name="histogram"/>; null when it is empty.</summary>
    /// <returns>Step points (bin start in ms, % of all samples in the bin), ending with the upper edge.</returns>
    public static LatencyDistribution? From(LatencyHistogram histogram, double maxMs, int bins = 40)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        var n = histogram.TotalCount;
        if (n == 0)
        {
            return null;
        }

        var upper = n >= 100 ? histogram.ValueAtPercentile(99) / 1000.0 : maxMs;
        upper = Math.Min(upper, maxMs);
        if (!(upper > 0))
        {
            upper = Math.Max(histogram.Max / 1000.0, 0.001);
        }

        var width = upper / bins;
        var counts = new long[bins];
        long beyond = 0;
        foreach (var bucket in histogram.RecordedBuckets())
        {
            // A bucket is at most 0.1% wide (three significant digits): its middle stands for all of it.
            var ms = (bucket.From + bucket.To) / 2000.0;
            if (ms > upper && bucket.From / 1000.0 > upper)
            {
                beyond += bucket.Count;
                continue;
            }

            counts[Math.Clamp((int)(ms / width), 0, bins - 1)] += bucket.Count;
        }

        var points = new List<(double X, double Y)>(bins + 1);
        for (var i = 0; i < bins; i++)
        {
            points.Add((i * width, 100.0 * counts[i] / n));
        }

        points.Add((upper, points[^1].Y));
        return new LatencyDistribution(points, upper, n, beyond);
    }
}
