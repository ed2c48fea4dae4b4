using Pacer.Analysis.Inputs;

namespace Pacer.Analysis.Tests.Inputs;

public sealed class K6PointsReaderTests
{
    private const string Home = "https://quickpizza.grafana.com/api/home";
    private static readonly RunData Run = Fixture.Read("k6-points.jsonl");

    [Fact]
    public void Read_Points_QuantilesOfAllDurationsWithRawSamples()
    {
        // Sorted: 10 11.25 12 12.5 13.5 14 16.75 28 31.25 45.75; k6's linear interpolation at p·(n − 1).
        Assert.Equal(13.75, Run.Get("all", "p50").Value, 12);
        Assert.Equal(31.25 + (0.55 * 14.5), Run.Get("all", "p95").Value, 12);
        Assert.Equal(31.25 + (0.91 * 14.5), Run.Get("all", "p99").Value, 12);
        Assert.Equal([31.25, 12.5, 14.0, 45.75, 11.25, 13.5, 28.0, 16.75, 10.0, 12.0], Run.Get("all", "p50").Samples);
    }

    [Fact]
    public void Read_Points_GroupsByNameTagOrUrl()
    {
        Assert.Equal(31.25, Run.Get("login", "p50").Value);
        Assert.Equal([31.25, 45.75, 28.0], Run.Get("login", "p95").Samples);
        Assert.Equal(12.5, Run.Get(Home, "p50").Value);
        Assert.Equal(7, Run.Get(Home, "p99").Samples.Count);
    }

    [Fact]
    public void Read_Points_ErrorRateFromFailedPoints()
    {
        Assert.Equal((2L, 10L), (Run.Get("all", "error_rate").Failures, Run.Get("all", "error_rate").Total));
        Assert.Equal((1L, 3L), (Run.Get("login", "error_rate").Failures, Run.Get("login", "error_rate").Total));
        Assert.Equal((1L, 7L), (Run.Get(Home, "error_rate").Failures, Run.Get(Home, "error_rate").Total));
    }

    [Fact]
    public void Read_Points_ThroughputOverTheSpanWithPerSecondCounts()
    {
        var rps = Run.Get("all", "rps");

        // First point at .104512345, last at 3.404512345: 10 requests in 3.3 s; the final 0.3 s is a partial second.
        Assert.Equal(10 / 3.3, rps.Value, 9);
        Assert.Equal([3.0, 3.0, 3.0], rps.Samples);
    }

    [Fact]
    public void Read_Points_PerSecondQuantilesOfEachFullSecond()
    {
        // Seconds from the first point: [31.25 12.5 14] [45.75 11.25 13.5] [28 16.75 10], and 12 in the partial fourth second.
        // One run a side, compare bootstraps these seconds rather than the requests, which are not independent.
        Assert.Equal([14.0, 13.5, 16.75], Run.Get("all", "p50").Intervals);
        Assert.Equal([31.25, 45.75, 28.0], Run.Get("login", "p50").Intervals);
    }
}
