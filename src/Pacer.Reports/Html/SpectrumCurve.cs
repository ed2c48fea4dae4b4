using Pacer.Core.Recording;
using Pacer.Reports.Charts;
using Units = Pacer.Reports.Formatting.Units;

namespace Pacer.Reports.Html;

/// <summary>
/// A latency-by-percentile curve read out of a histogram, bucket by bucket, as steps: each bucket's value holds over the share
/// of samples in it. It ends where the samples end (2,402 samples reach the 99.958th percentile, not the 99.999th), and knows the
/// last "nines" percentile its count supports, so the chart can mark where single samples start to decide the curve.
/// </summary>
internal sealed class SpectrumCurve
{
    private SpectrumCurve(IReadOnlyList<(double X, double Y)> points, long count, double end)
    {
        Points = points;
        Count = count;
        End = end;
    }

    /// <summary>(percentile, latency in ms) step points, ascending: each value holds until the next point's percentile.</summary>
    public IReadOnlyList<(double X, double Y)> Points { get; }

    /// <summary>Samples in the histogram.</summary>
    public long Count { get; }

    /// <summary>The last percentile drawn: 100·(1 − 1/count), the rank of the second-largest sample, beyond which only the maximum lies.</summary>
    public double End { get; }

    /// <summary>
    /// The highest of 90, 99, 99.9, 99.99, 99.999 with at least one sample above it (count ≥ 10, 100, 1,000 …), or null with under
    /// ten samples: a 99.99th percentile from 2,402 samples would be the maximum by another name.
    /// </summary>
    public double? LastSupported => LastSupportedPercentile(Count);

    /// <summary>The highest "nines" percentile <paramref name="count"/> samples support (see <see cref="LastSupported"/>).</summary>
    public static double? LastSupportedPercentile(long count)
    {
        double? last = null;
        var needed = 10L;
        foreach (var p in new[] { 90, 99, 99.9, 99.99, 99.999 })
        {
            if (count < needed)
            {
                break;
            }

            last = p;
            needed *= 10;
        }

        return last;
    }

    /// <summary>
    /// The curve of an encoded histogram (microseconds), its values clamped to the exact <paramref name="minMs"/>..<paramref name="maxMs"/>
    /// the result recorded; null when there is no histogram, it cannot be decoded, or it is empty.
    /// </summary>
    /// <param name="encoded">Base64 HdrHistogram V2, as in the result file.</param>
    /// <param name="minMs">The exact smallest sample.</param>
    /// <param name="maxMs">The exact largest sample.</param>
    /// <param name="maxSteps">About how many steps at most; neighbouring buckets closer than 1/<paramref name="maxSteps"/> of the axis merge.</param>
    public static SpectrumCurve? FromEncoded(string? encoded, double minMs, double maxMs, int maxSteps = 400)
    {
        if (string.IsNullOrEmpty(encoded))
        {
            return null;
        }

        LatencyHistogram histogram;
        try
        {
            histogram = LatencyHistogram.Decode(encoded);
        }
        catch (FormatException)
        {
            // A damaged histogram should cost one chart, not the whole report.
            return null;
        }

        return FromHistogram(histogram, minMs, maxMs, maxSteps);
    }

    /// <summary>The curve of <paramref name="histogram"/> (see <see cref="FromEncoded"/>); null when it is empty.</summary>
    public static SpectrumCurve? FromHistogram(LatencyHistogram histogram, double minMs, double maxMs, int maxSteps = 400)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        var n = histogram.TotalCount;
        if (n == 0)
        {
            return null;
        }

        var end = 100.0 * (n - 1) / n;
        var resolution = NinesScale.Nines(Math.Max(end, 90)) / Math.Max(1, maxSteps);
        var points = new List<(double X, double Y)>();
        long before = 0;
        var value = 0.0;
        foreach (var bucket in histogram.RecordedBuckets())
        {
            // A bucket's highest equivalent value is what ValueAtPercentile reports for it, so the curve and the tables agree.
            value = Clamp(bucket.To / 1000.0, minMs, maxMs);
            var x = 100.0 * before / n;
            before += bucket.Count;
            if (points.Count > 0 && NinesScale.Nines(x) - NinesScale.Nines(points[^1].X) < resolution)
            {
                // Too close to the step before to be seen apart: merge them, keeping the higher value, so the curve may show a
                // latency a little early but never lower than it was.
                points[^1] = (points[^1].X, value);
                continue;
            }

            points.Add((x, value));
        }

        points.Add((end, value));
        return new SpectrumCurve(points, n, end);
    }

    /// <summary>The marker for the last supported percentile, or none with under ten samples.</summary>
    public IReadOnlyList<ChartMarker> Markers() =>
        LastSupported is { } p ? [new ChartMarker(p, $"p{p.ToString(System.Globalization.CultureInfo.InvariantCulture)}: last percentile {Units.Count(Count)} samples support")] : [];

    private static double Clamp(double ms, double minMs, double maxMs) => minMs <= maxMs ? Math.Clamp(ms, minMs, maxMs) : ms;
}
