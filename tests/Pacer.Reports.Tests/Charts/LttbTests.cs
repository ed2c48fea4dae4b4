using Pacer.Reports.Charts;

namespace Pacer.Reports.Tests.Charts;

public sealed class LttbTests
{
    private static readonly (double X, double Y)[] TenPoints =
        [(0, 0), (1, 1), (2, 0), (3, 10), (4, 0), (5, 1), (6, 0), (7, -6), (8, 0), (9, 0)];

    [Fact]
    public void Downsample_TenPointsToFour_KeepsEndsPeakAndTrough()
    {
        // Hand-computed: buckets are points 1-4 and 5-8. Against (0,0) and the average of 5-8 (6.5, -1.25), point 3 (the peak,
        // doubled area 68.75) wins; against (3,10) and the last point (9,0), point 7 (the trough, doubled area 56) wins.
        var kept = Lttb.Downsample(TenPoints, 4);

        Assert.Equal([(0, 0), (3, 10), (7, -6), (9, 0)], kept);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(11)]
    [InlineData(2)]
    [InlineData(0)]
    [InlineData(-1)]
    public void Downsample_ThresholdAtLeastCountOrBelowThree_ReturnsInput(int threshold) =>
        Assert.Same(TenPoints, Lttb.Downsample(TenPoints, threshold));

    [Fact]
    public void Downsample_Empty_ReturnsEmpty() => Assert.Empty(Lttb.Downsample([], 3));

    [Fact]
    public void Downsample_ThresholdThree_KeepsEndsAndTheLargestTriangle()
    {
        var kept = Lttb.Downsample(TenPoints, 3);

        Assert.Equal([(0, 0), (3, 10), (9, 0)], kept);
    }

    [Fact]
    public void Downsample_LongSeries_KeepsExactlyThresholdPointsInOrder()
    {
        var points = Enumerable.Range(0, 10_000).Select(i => ((double)i, Math.Sin(i / 50.0))).ToList();

        var kept = Lttb.Downsample(points, 1000);

        Assert.Equal(1000, kept.Count);
        Assert.Equal(points[0], kept[0]);
        Assert.Equal(points[^1], kept[^1]);
        Assert.True(kept.Zip(kept.Skip(1)).All(pair => pair.First.X < pair.Second.X));
    }

    [Fact]
    public void Downsample_SpikeInLongSeries_IsKept()
    {
        var points = Enumerable.Range(0, 5_000).Select(i => ((double)i, i == 3_210 ? 500.0 : 1.0)).ToList();

        var kept = Lttb.Downsample(points, 100);

        Assert.Contains((3_210.0, 500.0), kept);
    }

    [Fact]
    public void Downsample_EqualNeighbouringX_IsAllowed() =>
        Assert.Equal(3, Lttb.Downsample([(0, 1), (1, 2), (1, 3), (2, 4)], 3).Count);

    [Fact]
    public void Downsample_DescendingX_Throws() =>
        Assert.Throws<ArgumentException>(() => Lttb.Downsample([(0, 1), (2, 2), (1, 3), (3, 4)], 3));

    [Fact]
    public void Downsample_DescendingXEvenWhenNotDownsampling_Throws() =>
        Assert.Throws<ArgumentException>(() => Lttb.Downsample([(1, 1), (0, 2)], 10));

    [Fact]
    public void Downsample_NaNX_Throws() =>
        Assert.Throws<ArgumentException>(() => Lttb.Downsample([(0, 1), (double.NaN, 2), (3, 3), (4, 4)], 3));
}
