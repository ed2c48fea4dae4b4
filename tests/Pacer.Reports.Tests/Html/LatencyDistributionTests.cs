using Pacer.Core.Recording;
using Pacer.Reports.Html;

namespace Pacer.Reports.Tests.Html;

public sealed class LatencyDistributionTests
{
    [Fact]
    public void From_ThousandsOfSamples_BinsUpToP99AndCountsTheRestBeyond()
    {
        var histogram = new LatencyHistogram();
        histogram.RecordValues(1_000, 6_000);   // 1 ms
        histogram.RecordValues(3_000, 3_995);   // 3 ms
        histogram.RecordValues(900_000, 5);     // 900 ms: the slowest 0.05%, beyond p99

        var d = LatencyDistribution.From(histogram, 900, bins: 10)!;

        Assert.Equal(10_000, d.Count);
        Assert.Equal(5, d.Beyond);
        Assert.Equal(3, d.UpperMs, 1);
        Assert.Equal(11, d.Points.Count);
        Assert.Equal(100.0 * 9_995 / 10_000, d.Points.Take(10).Sum(p => p.Y), 9);
        Assert.Equal(60, d.Points.Single(p => p.X <= 1 && p.X + 0.3 > 1).Y, 9);
    }

    [Fact]
    public void From_SlowestHalfPercent_IsLeftOffTheAxisNotStretchingIt()
    {
        var histogram = new LatencyHistogram();
        histogram.RecordValues(1_000, 9_950);   // 1 ms
        histogram.RecordValues(100_000, 50);    // 100 ms: 0.5%, below p99.9 but above p99

        var d = LatencyDistribution.From(histogram, 100, bins: 10)!;

        Assert.Equal(1, d.UpperMs, 2);
        Assert.Equal(50, d.Beyond);
    }

    [Fact]
    public void From_UnderAHundredSamples_BinsUpToTheMaximum()
    {
        var histogram = new LatencyHistogram();
        histogram.RecordValues(2_000, 3);
        histogram.RecordValues(10_000, 1);

        var d = LatencyDistribution.From(histogram, 10, bins: 5)!;

        Assert.Equal(0, d.Beyond);
        Assert.Equal(10, d.UpperMs);
        Assert.Equal(100, d.Points.Take(5).Sum(p => p.Y), 9);
    }

    [Fact]
    public void FromEncoded_EmptyOrDamaged_IsNull()
    {
        Assert.Null(LatencyDistribution.FromEncoded(new LatencyHistogram().Encode(), 1));
        Assert.Null(LatencyDistribution.FromEncoded("garbage", 1));
    }
}
