namespace Pacer.Core.Recording;

/// <summary>
/// An HDR histogram of latencies in microseconds: 1 µs to 1 hour, 3 significant digits, constant memory (about 190 kB, allocated with the first value), exact merge.
/// Written here because the HdrHistogram package is not available; it uses the same layout and the same V2 encoding
/// (<see cref="Encode"/>), so other HdrHistogram tools read what Pacer writes. Single-writer: the hot path records into
/// <see cref="ConcurrentLatencyHistogram"/> and drains into one of these.
/// </summary>
public sealed class LatencyHistogram
{
    // Allocated with the first value: an empty histogram (a request name never sent, a status never seen) costs a few bytes.
    private long[]? counts;
    private long totalCount;
    private long min = long.MaxValue;
    private long max;
    private double sum;
    private int maxIndex = -1;

    /// <summary>Number of recorded values.</summary>
    public long TotalCount => totalCount;

    /// <summary>Values above one hour, recorded as one hour.</summary>
    public long OverflowCount { get; private set; }

    /// <summary>Smallest recorded value (exact), 0 when empty.</summary>
    public long Min => totalCount == 0 ? 0 : min;

    /// <summary>Largest recorded value (exact), 0 when empty.</summary>
    public long Max => max;

    /// <summary>Arithmetic mean of the recorded values (exact for recorded values; bucket-precision after <see cref="Decode"/>), 0 when empty.</summary>
    public double Mean => totalCount == 0 ? 0 : sum / totalCount;

    /// <summary>Records one value in microseconds.</summary>
    public void Record(long micros) => RecordValues(micros, 1);

    /// <summary>Records <paramref name="count"/> occurrences of a value in microseconds.</summary>
    public void RecordValues(long micros, long count)
    {
        if (count <= 0)
        {
            return;
        }

        if (micros > HistogramLayout.HighestTrackableValue)
        {
            OverflowCount += count;
        }

        var value = HistogramLayout.Clamp(micros);
        var index = HistogramLayout.IndexOf(value);
        Counts()[index] += count;
        totalCount += count;
        sum += (double)value * count;
        min = Math.Min(min, value);
        max = Math.Max(max, value);
        maxIndex = Math.Max(maxIndex, index);
    }

    /// <summary>
    /// The value at <paramref name="percentile"/> (0 to 100), HdrHistogram style: the highest value equivalent to the bucket where the
    /// cumulative count first reaches the exact rank ⌈p/100 · total⌉ (<see cref="QuantileRank"/>), but never above the exact maximum
    /// nor below the exact minimum. 0 when empty.
    /// </summary>
    public long ValueAtPercentile(double percentile)
    {
        if (totalCount == 0)
        {
            return 0;
        }

        var target = QuantileRank.OfPercentile(percentile, totalCount);
        long cumulative = 0;
        for (var i = 0; i <= maxIndex; i++)
        {
            cumulative += counts![i];
            if (cumulative >= target)
            {
                return Math.Max(Math.Min(HistogramLayout.HighestEquivalent(i), max), Min);
            }
        }

        return max;
    }

    /// <summary>Adds every count of <paramref name="other"/> (exact merge).</summary>
    public void Add(LatencyHistogram other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.totalCount == 0 && other.sum == 0 && other.OverflowCount == 0)
        {
            return;
        }

        // A histogram just drained may hold only the aggregates of values whose counts the next drain brings
        // (ConcurrentLatencyHistogram.DrainInto keeps them rather than lose them): they are added all the same.
        if (other.totalCount > 0)
        {
            var into = Counts();
            for (var i = 0; i <= other.maxIndex; i++)
            {
                into[i] += other.counts![i];
            }
        }

        totalCount += other.totalCount;
        OverflowCount += other.OverflowCount;
        sum += other.sum;
        min = Math.Min(min, other.min);
        max = Math.Max(max, other.max);
        maxIndex = Math.Max(maxIndex, other.maxIndex);
    }

    /// <summary>Adds raw counts drained from a concurrent histogram.</summary>
    internal void AddDrained(int index, long count)
    {
        Counts()[index] += count;
        totalCount += count;
        maxIndex = Math.Max(maxIndex, index);
    }

    /// <summary>Adds the exact aggregates that go with counts added through <see cref="AddDrained"/>.</summary>
    internal void AddAggregates(long drainedMin, long drainedMax, double drainedSum, long overflow)
    {
        min = Math.Min(min, drainedMin);
        max = Math.Max(max, drainedMax);
        sum += drainedSum;
        OverflowCount += overflow;
    }

    /// <summary>Empties the histogram.</summary>
    internal void Reset()
    {
        if (counts is not null)
        {
            Array.Clear(counts, 0, maxIndex + 1);
        }

        totalCount = 0;
        OverflowCount = 0;
        min = long.MaxValue;
        max = 0;
        sum = 0;
        maxIndex = -1;
    }

    /// <summary>An independent copy.</summary>
    internal LatencyHistogram Copy()
    {
        var copy = new LatencyHistogram();
        copy.Add(this);
        return copy;
    }

    /// <summary>The non-empty buckets, ascending: the value range each covers and its count.</summary>
    public IEnumerable<HistogramBucket> RecordedBuckets()
    {
        for (var i = 0; i <= maxIndex; i++)
        {
            if (counts![i] != 0)
            {
                yield return new HistogramBucket(HistogramLayout.ValueFromIndex(i), HistogramLayout.HighestEquivalent(i), counts[i]);
            }
        }
    }

    /// <summary>
    /// The percentile distribution HdrHistogram prints: percentiles stepping towards 100 by halving the remaining distance,
    /// <paramref name="ticksPerHalfDistance"/> steps per halving, ending at 100. For "nines" charts.
    /// </summary>
    public IReadOnlyList<PercentilePoint> PercentileSpectrum(int ticksPerHalfDistance = 5)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(ticksPerHalfDistance, 1);
        var points = new List<PercentilePoint>();
        if (totalCount == 0)
        {
            return points;
        }

        // Percentile k is 100·(1 − 2^(−k/ticks)): evenly spaced on a "nines" axis. Stop once fewer than one value lies above it.
        for (var k = 0; ; k++)
        {
            var percentile = 100 * (1 - Math.Pow(2, -(double)k / ticksPerHalfDistance));
            if (QuantileRank.OfPercentile(percentile, totalCount) == totalCount && percentile > 0)
            {
                points.Add(new PercentilePoint(100, max, totalCount));
                return points;
            }

            var value = ValueAtPercentile(percentile);
            points.Add(new PercentilePoint(percentile, value, CountAtOrBelow(value)));
        }
    }

    private long CountAtOrBelow(long value)
    {
        long cumulative = 0;
        var last = Math.Min(HistogramLayout.IndexOf(HistogramLayout.Clamp(value)), maxIndex);
        for (var i = 0; i <= last; i++)
        {
            cumulative += counts![i];
        }

        return cumulative;
    }

    /// <summary>Base64 of HdrHistogram's V2 compressed encoding (see <see cref="HistogramEncoding"/>).</summary>
    public string Encode() => Convert.ToBase64String(HistogramEncoding.EncodeCompressed(counts ?? [], maxIndex));

    /// <summary>
    /// Reads what <see cref="Encode"/> (or any HdrHistogram V2 compressed encoder with a compatible layout) wrote.
    /// Min, max and mean come back at bucket precision: the format carries counts only.
    /// </summary>
    /// <exception cref="FormatException">The text is not a V2-encoded histogram this layout can hold.</exception>
    public static LatencyHistogram Decode(string base64)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(base64);
        }
        catch (FormatException e)
        {
            throw new FormatException("histogram: not base64", e);
        }

        var histogram = new LatencyHistogram();
        HistogramEncoding.DecodeCompressed(bytes, (index, count) =>
        {
            var value = HistogramLayout.ValueFromIndex(index);
            histogram.Counts()[index] += count;
            histogram.totalCount += count;
            histogram.maxIndex = Math.Max(histogram.maxIndex, index);
            histogram.min = Math.Min(histogram.min, value);
            histogram.max = Math.Max(histogram.max, HistogramLayout.HighestEquivalent(index));
            histogram.sum += (value + (HistogramLayout.RangeSize(index) - 1) / 2.0) * count;
        });
        return histogram;
    }

    /// <summary>
    /// Puts back the exact minimum, maximum and mean a file stored beside the encoded counts (which carry none of them), so a
    /// decoded histogram answers every percentile and aggregate as the one that was encoded. No effect on an empty histogram.
    /// </summary>
    internal void RestoreAggregates(long exactMin, long exactMax, double exactMean)
    {
        if (totalCount == 0)
        {
            return;
        }

        min = exactMin;
        max = exactMax;
        sum = exactMean * totalCount;
    }

    /// <summary>Allocates the counts now rather than with the first value.</summary>
    internal void Allocate() => Counts();

    private long[] Counts() => counts ??= new long[HistogramLayout.CountsLength];
}
