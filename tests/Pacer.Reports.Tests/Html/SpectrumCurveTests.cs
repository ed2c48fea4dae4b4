using Pacer.Core.Recording;
using Pacer.Reports.Charts;
using Pacer.Reports.Html;

namespace Pacer.Reports.Tests.Html;

public sealed class SpectrumCurveTests
{
    private static LatencyHistogram Samples(int count)
    {
        // 1 ms … count ms, once each (microseconds).
        var histogram = new LatencyHistogram();
        for (var i = 1; i <= count; i++)
        {
            histogram.Record(i * 1000L);
        }

        return histogram;
    }

    [Theory]
    [InlineData(9, null)]
    [InlineData(10, 90.0)]
    [InlineData(999, 99.0)]
    [InlineData(2402, 99.9)]
    [InlineData(100_000, 99.999)]
    [InlineData(10_000_000, 99.999)]
    public void LastSupportedPercentile_NeedsOneSampleAboveIt(long count, double? expected) =>
        Assert.Equal(expected, SpectrumCurve.LastSupportedPercentile(count));

    [Fact]
    public void FromHistogram_2402Samples_StopsAtTheSecondLargestNotAt99999()
    {
        var curve = SpectrumCurve.FromHistogram(Samples(2402), 1, 2402)!;

        Assert.Equal(100.0 * 2401 / 2402, curve.End, 9);
        Assert.Equal(curve.End, curve.Points[^1].X, 9);
        Assert.All(curve.Points, p => Assert.True(p.X <= curve.End));
        Assert.Equal(2402, curve.Points[^1].Y, 0);
        Assert.Equal(99.9, curve.LastSupported);
    }

    [Fact]
    public void FromHistogram_Steps_AgreeWithTheTablesPercentiles()
    {
        var histogram = Samples(5000);
        var curve = SpectrumCurve.FromHistogram(histogram, 1, 5000, maxSteps: 100_000)!;

        foreach (var p in new[] { 10, 50, 90, 95, 99, 99.9 })
        {
            // A step's value holds from its x (exclusive) up to the next step's x (inclusive).
            var step = curve.Points.Last(pt => pt.X < p);
            Assert.Equal(histogram.ValueAtPercentile(p) / 1000.0, step.Y, 9);
        }
    }

    [Fact]
    public void FromHistogram_FewSteps_IsMonotoneBoundedAndNeverBelowTheTruth()
    {
        var histogram = Samples(20_000);
        var curve = SpectrumCurve.FromHistogram(histogram, 1, 20_000, maxSteps: 50)!;

        Assert.InRange(curve.Points.Count, 2, 52);
        for (var i = 1; i < curve.Points.Count; i++)
        {
            Assert.True(curve.Points[i].X >= curve.Points[i - 1].X);
            Assert.True(curve.Points[i].Y >= curve.Points[i - 1].Y);
        }

        foreach (var p in new[] { 50, 99, 99.9 })
        {
            Assert.True(curve.Points.Last(pt => pt.X < p).Y >= histogram.ValueAtPercentile(p) / 1000.0);
        }
    }

    [Fact]
    public void FromEncoded_MissingDamagedOrEmpty_IsNull()
    {
        Assert.Null(SpectrumCurve.FromEncoded(null, 0, 1));
        Assert.Null(SpectrumCurve.FromEncoded("not a histogram", 0, 1));
        Assert.Null(SpectrumCurve.FromEncoded(new LatencyHistogram().Encode(), 0, 1));
    }

    [Fact]
    public void Markers_MarkTheLastSupportedPercentileWithTheCount()
    {
        var marker = Assert.Single(SpectrumCurve.FromHistogram(Samples(2402), 1, 2402)!.Markers());

        Assert.Equal(99.9, marker.X);
        Assert.Contains("2,402 samples", marker.Label, StringComparison.Ordinal);
        Assert.Empty(SpectrumCurve.FromHistogram(Samples(5), 1, 5)!.Markers());
    }

    [Fact]
    public void Chart_OfA2402SampleCurve_HasNoTickBeyond999()
    {
        var curve = SpectrumCurve.FromHistogram(Samples(2402), 1, 2402)!;
        var svg = new SvgLineChart
        {
            Title = "t",
            XScale = ChartXScale.Nines,
            NinesEnd = curve.End,
            Markers = curve.Markers(),
            Series = [new ChartSeries("all", curve.Points, "series-1") { Step = true }],
        }.Render();

        Assert.Contains(">99.9%<", svg, StringComparison.Ordinal);
        Assert.DoesNotContain(">99.99%<", svg, StringComparison.Ordinal);
        Assert.DoesNotContain(">99.999%<", svg, StringComparison.Ordinal);
        Assert.Contains("class=\"marker-line\"", svg, StringComparison.Ordinal);
    }
}
