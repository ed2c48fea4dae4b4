using Pacer.Analysis.History;
using Pacer.Analysis.Inputs;
using Pacer.Analysis.Statistics;

namespace Pacer.Analysis.Tests.History;

public sealed class ShapeChangeTests
{
    /// <summary>30 runs of 2,000 requests each, median 10 ms; from run 16 the half above the median is stretched by <paramref name="tail"/>.</summary>
    private static List<HistorySeries> Runs(double tail, Func<int, string?>? corrupt = null)
    {
        var random = new SplitMix64(42);
        var p50 = new List<HistoryPoint>();
        var p99 = new List<HistoryPoint>();
        for (var i = 0; i < 30; i++)
        {
            var histogram = SyntheticHistory.Histogram(10, i >= 15 ? tail : 1, 2000, random);
            var encoded = corrupt?.Invoke(i) ?? histogram.Encode();
            var run = SyntheticHistory.Run(i + 1);
            p50.Add(new HistoryPoint(run, histogram.ValueAtPercentile(50) / 1000.0, encoded));
            p99.Add(new HistoryPoint(run, histogram.ValueAtPercentile(99) / 1000.0, encoded));
        }

        return
        [
            new HistorySeries(new SeriesKey("checkout", "GET /cart", "p50"), "ms", MetricDirection.LowerIsBetter, p50),
            new HistorySeries(new SeriesKey("checkout", "GET /cart", "p99"), "ms", MetricDirection.LowerIsBetter, p99),
        ];
    }

    [Fact]
    public void SameMedianFatterTail_IsAShapeChangeAtItsRun()
    {
        var report = HistoryCheck.Run(Runs(tail: 1.6), new HistoryCheckOptions());

        Assert.Empty(report.Series[0].ChangePoints);
        var shape = Assert.Single(report.Series, s => s.Kind == ChangeKind.Shape);
        Assert.Equal(new SeriesKey("checkout", "GET /cart", "distribution"), shape.Key);
        var change = Assert.Single(shape.ChangePoints);
        Assert.Equal(16, change.Run.Id);
        Assert.Equal(ChangeDirection.Regression, change.Direction);
        Assert.Equal("p99", change.Measure);
        Assert.InRange(change.Relative!.Estimate, 1.2, 1.6);
        Assert.Contains(new SeriesKey("checkout", "GET /cart", "p99"), change.MovedWith);
        Assert.True(report.Failed);
    }

    [Fact]
    public void SameShape_NoShapeChange()
    {
        var report = HistoryCheck.Run(Runs(tail: 1), new HistoryCheckOptions());

        Assert.Empty(report.ChangePoints);
        Assert.Equal(30, Assert.Single(report.Series, s => s.Kind == ChangeKind.Shape).Points);
    }

    [Fact]
    public void ExpectedMarkOnALatencySeries_CoversTheShapeChange()
    {
        var series = Runs(tail: 1.6);
        var marks = new[] { new ExpectedChange(series[1].Key, 16) };

        var report = HistoryCheck.Run(series, new HistoryCheckOptions { Expected = marks });

        Assert.All(report.ChangePoints, c => Assert.True(c.Expected));
        Assert.False(report.Failed);
    }

    [Fact]
    public void HistogramThatDoesNotDecode_IsReportedAndSkipped()
    {
        var report = HistoryCheck.Run(Runs(tail: 1.6, corrupt: i => i == 3 ? "not a histogram" : null), new HistoryCheckOptions());

        Assert.Contains("run 4", Assert.Single(report.Problems), StringComparison.Ordinal);
        var shape = Assert.Single(report.Series, s => s.Kind == ChangeKind.Shape);
        Assert.Equal(29, shape.Points);
        Assert.Equal(16, Assert.Single(shape.ChangePoints).Run.Id);
    }
}
