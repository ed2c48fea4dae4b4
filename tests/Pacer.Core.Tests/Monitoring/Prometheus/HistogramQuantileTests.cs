using Pacer.Core.Monitoring.Prometheus;

namespace Pacer.Core.Tests.Monitoring.Prometheus;

public sealed class HistogramQuantileTests
{
    // Cumulative: 10 observations ≤ 0.1, 30 ≤ 0.25, 90 ≤ 0.5, 100 ≤ 1, 100 in all.
    private static readonly (double, double)[] Buckets = [(0.1, 10), (0.25, 30), (0.5, 90), (1, 100), (double.PositiveInfinity, 100)];

    [Theory]
    // Hand-computed as histogram_quantile does: rank = q·100, bucket = first with count ≥ rank,
    // value = lower + (upper − lower) · (rank − count below) / (count in bucket).
    [InlineData(0.5, 0.25 + (0.25 * (20.0 / 60)))] // rank 50 in (0.25, 0.5]: 20 of its 60
    [InlineData(0.95, 0.5 + (0.5 * (5.0 / 10)))] // rank 95 in (0.5, 1]: 5 of its 10
    [InlineData(0.05, 0.1 * (5.0 / 10))] // rank 5 in (0, 0.1]: the first bucket starts at 0
    [InlineData(0.3, 0.25)] // rank 30 is exactly the (0.1, 0.25] bucket's top
    [InlineData(1.0, 1.0)]
    public void Of_InterpolatesInsideTheBucket_AsHistogramQuantileDoes(double q, double expected)
    {
        Assert.Equal(expected, HistogramQuantile.Of(q, Buckets), 12);
    }

    [Fact]
    public void Of_RankInTheInfBucket_GivesTheHighestFiniteBound()
    {
        (double, double)[] buckets = [(0.1, 10), (1, 90), (double.PositiveInfinity, 100)];

        Assert.Equal(1.0, HistogramQuantile.Of(0.99, buckets));
    }

    [Fact]
    public void Of_NoObservationsOrNoInfBucket_IsNaN_AndOutOfRangeQIsInfinite()
    {
        Assert.True(double.IsNaN(HistogramQuantile.Of(0.5, [(0.1, 0), (double.PositiveInfinity, 0)])));
        Assert.True(double.IsNaN(HistogramQuantile.Of(0.5, [(0.1, 3), (1, 5)])));
        Assert.Equal(double.PositiveInfinity, HistogramQuantile.Of(1.5, Buckets));
        Assert.Equal(double.NegativeInfinity, HistogramQuantile.Of(-0.1, Buckets));
    }

    [Fact]
    public void Of_UnsortedAndNonMonotonicBuckets_AreSortedAndRaised()
    {
        // The 0.5 bucket dipped below its predecessor: it is read as 30, so rank 50 falls in (0.5, 1] at 20 of 70.
        (double, double)[] buckets = [(double.PositiveInfinity, 100), (0.5, 29), (0.25, 30), (1, 100)];

        Assert.Equal(0.5 + (0.5 * (20.0 / 70)), HistogramQuantile.Of(0.5, buckets), 12);
    }

    [Fact]
    public void Of_NegativeFirstBound_IsReturnedForARankInIt()
    {
        Assert.Equal(-1.0, HistogramQuantile.Of(0.1, [(-1, 5), (0, 10), (double.PositiveInfinity, 10)]));
    }
}
