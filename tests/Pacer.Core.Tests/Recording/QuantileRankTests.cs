using Pacer.Core.Recording;
using Pacer.Core.Thresholds;

namespace Pacer.Core.Tests.Recording;

public sealed class QuantileRankTests
{
    private const int MaxCount = 100_000;

    /// <summary>
    /// The percentiles Pacer prints (summary, result file, thresholds) and those of the HTML spectrum, each with the exact
    /// fraction it stands for, written out here so the expected rank never goes through floating point.
    /// </summary>
    private static readonly (double Percentile, long Numerator, long Denominator)[] Printed =
    [
        (0, 0, 1), (1, 1, 100), (10, 1, 10), (20, 1, 5), (25, 1, 4), (30, 3, 10), (40, 2, 5), (50, 1, 2), (60, 3, 5), (70, 7, 10),
        (75, 3, 4), (80, 4, 5), (90, 9, 10), (95, 19, 20), (99, 99, 100), (99.5, 199, 200), (99.9, 999, 1000),
        (99.95, 1999, 2000), (99.99, 9999, 10000), (99.999, 99999, 100000), (100, 1, 1),
    ];

    /// <summary>Nearest rank from the definition, in integers: the smallest r ≥ 1 with r / count ≥ numerator / denominator.</summary>
    private static long ExactRank(long numerator, long denominator, long count) =>
        Math.Max(1, ((numerator * count) + denominator - 1) / denominator);

    [Fact]
    public void OfPercentile_EveryCountUpTo100000_IsTheExactNearestRank()
    {
        for (long count = 1; count <= MaxCount; count++)
        {
            foreach (var (percentile, numerator, denominator) in Printed)
            {
                var expected = ExactRank(numerator, denominator, count);
                var actual = QuantileRank.OfPercentile(percentile, count);
                if (actual != expected)
                {
                    Assert.Fail($"p{percentile} of {count}: rank {actual}, exact {expected}");
                }
            }
        }
    }

    [Fact]
    public void OfProbability_SameFractionsAsPercentiles_SameRank()
    {
        for (long count = 1; count <= 5_000; count++)
        {
            foreach (var (percentile, numerator, denominator) in Printed)
            {
                Assert.Equal(ExactRank(numerator, denominator, count), QuantileRank.OfProbability(percentile / 100, count));
            }
        }
    }

    [Theory]
    [InlineData(99.9, 1000, 999)]
    [InlineData(99.9, 2000, 1998)]
    [InlineData(99.99, 10000, 9999)]
    [InlineData(99, 100, 99)]
    [InlineData(0, 10, 1)]
    [InlineData(-5, 10, 1)]
    [InlineData(150, 10, 10)]
    [InlineData(50, 0, 0)]
    public void OfPercentile_Cases(double percentile, long count, long expected) =>
        Assert.Equal(expected, QuantileRank.OfPercentile(percentile, count));

    [Fact]
    public void Of_HugeCount_NoOverflow() =>
        Assert.Equal(long.MaxValue / 2 + 1, QuantileRank.Of(1, 2, long.MaxValue));

    [Fact]
    public void ValueAtPercentile_EveryCountUpTo100000_IsTheValueAtTheExactRankOfTheSortedValues()
    {
        // A histogram cannot tell apart values in one bucket, so the values are chosen to be exact (below 2048 µs every value
        // is its own bucket): the sorted values step up by one at each rank next to a percentile's exact rank and stay flat
        // elsewhere, so a rank one too high or too low reads a different value. value(r) = 1 + how many step ranks are ≤ r.
        var histogram = new LatencyHistogram();
        var steps = new SortedSet<long>();
        for (long count = 1; count <= MaxCount; count++)
        {
            steps.Clear();
            foreach (var (_, numerator, denominator) in Printed)
            {
                var rank = ExactRank(numerator, denominator, count);
                for (var r = Math.Max(1, rank - 1); r <= Math.Min(count, rank + 1); r++)
                {
                    steps.Add(r);
                }
            }

            histogram.Reset();
            long value = 1;
            long from = 1;
            foreach (var step in steps)
            {
                histogram.RecordValues(value, step - from);
                value++;
                from = step;
            }

            histogram.RecordValues(value, count - from + 1);
            foreach (var (percentile, numerator, denominator) in Printed)
            {
                var rank = ExactRank(numerator, denominator, count);
                var expected = 1 + steps.GetViewBetween(1, rank).Count;
                var actual = histogram.ValueAtPercentile(percentile);
                if (actual != expected)
                {
                    Assert.Fail($"p{percentile} of {count}: {actual}, the value at rank {rank} of the sorted values is {expected}");
                }
            }
        }
    }

    [Fact]
    public void ValueAtPercentile_OneThousandRequests_P999IsThe999thValueNotTheMax()
    {
        // The run: 1,000 requests, the 999th is 22.3 ms and the slowest 38.3 ms.
        var histogram = new LatencyHistogram();
        histogram.RecordValues(1_000, 998);
        histogram.Record(22_300);
        histogram.Record(38_300);

        var p999 = histogram.ValueAtPercentile(99.9);
        var threshold = new HistogramPercentiles(histogram).PercentileMs(99.9);

        Assert.Equal(HistogramLayout.IndexOf(22_300), HistogramLayout.IndexOf(p999));
        Assert.InRange(threshold, 22.3, 22.3 * 1.001);
    }
}
