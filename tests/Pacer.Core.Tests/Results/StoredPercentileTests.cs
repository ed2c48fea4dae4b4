using Pacer.Core.Recording;
using Pacer.Core.Results;

namespace Pacer.Core.Tests.Results;

/// <summary>
/// A reader of a result recomputes percentiles from the stored histograms: the answer is in milliseconds and never disagrees
/// with the percentiles the run stored, even after the file's round trip (which keeps bucket counts, not exact extremes).
/// </summary>
public sealed class StoredPercentileTests
{
    private static readonly double[] Stored = [50, 90, 95, 99, 99.9];

    [Fact]
    public void DurationStatsPercentile_AfterARoundTrip_EqualsEveryStoredPercentile_AndTheLiveHistogramElsewhere()
    {
        var random = new Random(14);
        var live = new LatencyHistogram();
        for (var i = 0; i < 20_000; i++)
        {
            live.Record(200 + (long)(random.NextDouble() * random.NextDouble() * 250_000));
        }

        var stats = ReadBack(ResultStats.Stats(live));

        Assert.Equal([stats.P50, stats.P90, stats.P95, stats.P99, stats.P999], Stored.Select(stats.Percentile));
        Assert.Equal(stats.Min, stats.Percentile(0));
        Assert.Equal(stats.Max, stats.Percentile(100));
        foreach (var p in new[] { 1, 25, 75, 97.5, 99.99 })
        {
            Assert.Equal(live.ValueAtPercentile(p) / 1000.0, stats.Percentile(p));
        }
    }

    [Fact]
    public void DurationStatsPercentile_OfAValueInsideAWideBucket_IsTheExactValue_NotTheBucketTop()
    {
        // 10,003 µs sits in a bucket 8 µs wide: a decoded histogram only knows "10,000 to 10,007", the run knew 10,003.
        var live = new LatencyHistogram();
        live.RecordValues(10_003, 3);

        var stats = ReadBack(ResultStats.Stats(live));

        Assert.Equal(10_007, LatencyHistogram.Decode(stats.Histogram).ValueAtPercentile(100));
        Assert.Equal(10.003, stats.Percentile(100));
        Assert.Equal(10.003, stats.Percentile(50));
    }

    [Fact]
    public void DurationStatsPercentile_OfNoSamples_IsZero() =>
        Assert.Equal(0, ResultStats.Stats(new LatencyHistogram()).Percentile(99));

    [Fact]
    public void MetricResultPercentile_OfATrend_IsInMilliseconds_AndNullWithoutAHistogram()
    {
        var live = new LatencyHistogram();
        live.Record(1500);
        live.Record(2500);
        var stats = ResultStats.Stats(live);
        var sample = ResultFileTests.Sample();
        var trend = new MetricResult { Type = "trend", Unit = "ms", Count = 2, Min = stats.Min, Max = stats.Max, P99 = stats.P99, Histogram = stats.Histogram };
        var metrics = new Dictionary<string, MetricResult>(sample.Metrics) { ["http_req_duration"] = trend };

        var read = ResultFile.Parse(ResultFile.ToJson(sample with { Metrics = metrics }), "r.json").Metrics;

        Assert.Equal(2.5, read["http_req_duration"].Percentile(99));
        Assert.Equal(1.5, read["http_req_duration"].Percentile(50));
        Assert.Null(read["http_reqs"].Percentile(99));
    }

    [Fact]
    public void MetricResultPercentile_WithoutItsExtremes_IsAtBucketPrecision()
    {
        var trend = ResultFileTests.Sample().Metrics["http_req_duration"] with { Min = null, Max = null };

        // 2,500 µs sits in a bucket 2 µs wide: without the exact maximum the top of the bucket is the answer.
        Assert.Equal(2.501, trend.Percentile(99));
    }

    [Fact]
    public void Percentile_OfADamagedHistogram_SaysSo() =>
        Assert.Throws<FormatException>(() => new DurationStats(1, 1, 1, 1, 1, 1, 1, 1, 1, "not a histogram").Percentile(50));

    private static DurationStats ReadBack(DurationStats stats)
    {
        var sample = ResultFileTests.Sample();
        var json = ResultFile.ToJson(sample with { Requests = [sample.Requests[0] with { Duration = stats }] });
        return ResultFile.Parse(json, "r.json").Requests[0].Duration;
    }
}
