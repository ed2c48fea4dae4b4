using Pacer.Core.Recording;
using Pacer.Core.Results;

namespace Pacer.Core.Tests.Results;

/// <summary>The one validation pass on read: each problem refused with the file and the field's JSON path.</summary>
public sealed class ResultValidatorTests
{
    private static ResultFormatException Refused(RunResult result) =>
        Assert.Throws<ResultFormatException>(() => ResultValidator.Validate(result, "r.json"));

    private static DurationStats Stats(params long[] micros)
    {
        var histogram = new LatencyHistogram();
        foreach (var us in micros)
        {
            histogram.Record(us);
        }

        return ResultStats.Stats(histogram);
    }

    [Fact]
    public void Validate_AValidResult_Passes()
    {
        var json = ResultFile.ToJson(ResultFileTests.Sample());

        var read = ResultFile.Parse(json, "r.json");

        Assert.Equal("abc", read.RunId);
    }

    [Fact]
    public void Validate_TargetSection_RoundTripsWithANegativeGaugeButNotANegativeSampleCount()
    {
        var target = new TargetResult(
            [new TargetSourceResult("metrics", "http://127.0.0.1:1/metrics", 2, ["2× connection refused"]) { Log = null }],
            [new TargetMetricResult("balance", "metrics", "count", -1.5, -1, -1, [new(1, -2), new(2, -1)]) { Min = -2, Last = -1, Limit = 10 }]);
        var json = ResultFile.ToJson(ResultFileTests.Sample() with { Target = target });

        var read = ResultFile.Parse(json, "r.json");

        Assert.Contains("\"target\"", json, StringComparison.Ordinal);
        Assert.Contains("\"unit\": \"count\"", json, StringComparison.Ordinal);
        var metric = Assert.Single(read.Target!.Metrics);
        Assert.Equal(target.Metrics[0].Series, metric.Series);
        Assert.Equal((-2, -1, 10.0), (metric.Min, metric.Last, metric.Limit!.Value));
        Assert.Equal(target.Sources[0].Errors, read.Target.Sources[0].Errors);

        var bad = ResultFile.ToJson(ResultFileTests.Sample() with { Target = target with { Sources = [target.Sources[0] with { Samples = -1 }] } });
        var error = Assert.Throws<ResultFormatException>(() => ResultFile.Parse(bad, "r.json"));
        Assert.Contains("target.sources[0].samples: -1 is negative", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NegativeThresholdActual_Passes()
    {
        var sample = ResultFileTests.Sample();

        ResultValidator.Validate(sample with { Thresholds = [new ThresholdResult("m", "value>-10", true, -3, false, null)] }, "r.json");
    }

    [Fact]
    public void Validate_NullWarnings_NamesTheField()
    {
        var error = Refused(ResultFileTests.Sample() with { Warnings = null! });

        Assert.Equal("r.json: invalid pacer.run/v1 file: warnings: is null where the schema requires a value", error.Message);
    }

    [Fact]
    public void Validate_NullElementsAndNestedNulls_NameEachPathAndCountTheRest()
    {
        var sample = ResultFileTests.Sample();

        var error = Refused(sample with
        {
            Series = [sample.Series[0], null!],
            Plan = sample.Plan with { Stages = [null!] },
            Warnings = [null!],
        });

        Assert.Contains("plan.stages[0]: is null", error.Message, StringComparison.Ordinal);
        Assert.Contains("(and 2 more problems)", error.Message, StringComparison.Ordinal);
        Assert.Contains("series[1]", Assert.Throws<ResultFormatException>(() => ResultValidator.Validate(sample with { Series = [sample.Series[0], null!] }, "r.json")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NullHistogramInStats_NamesTheField()
    {
        var sample = ResultFileTests.Sample();
        var request = sample.Requests[0];

        var error = Refused(sample with { Requests = [request with { QueueTime = request.QueueTime with { Histogram = null! } }] });

        Assert.Contains("requests[0].queue_time.histogram: is null", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(double.NaN, "not a finite number")]
    [InlineData(double.PositiveInfinity, "not a finite number")]
    [InlineData(-1.0, "is negative")]
    public void Validate_BadSeriesValue_NamesThePath(double value, string expected)
    {
        var sample = ResultFileTests.Sample();

        var error = Refused(sample with { Series = [sample.Series[0], sample.Series[0] with { P95 = value }] });

        Assert.Contains("series[1].p95: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_HistogramDisagreesWithCount_NamesBoth()
    {
        var sample = ResultFileTests.Sample();
        var stats = Stats(1000, 2000, 3000);

        var error = Refused(sample with { Statuses = [new StatusResult(200, 2, stats with { Count = 100 })] });

        Assert.Contains("statuses[0].duration.histogram: the histogram holds 3 values where count says 100", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MetricHistogramDisagreesWithCount_NamesTheMetric()
    {
        var sample = ResultFileTests.Sample();
        var metrics = new Dictionary<string, MetricResult>(sample.Metrics)
        {
            ["http_req_duration"] = sample.Metrics["http_req_duration"] with { Count = 3 },
        };

        var error = Refused(sample with { Metrics = metrics });

        Assert.Contains("metrics.http_req_duration.histogram: the histogram holds 2 values where count says 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HistogramTotal_CountsBeyondLong_IsAProblemNotAWrap()
    {
        var histogram = new LatencyHistogram();
        histogram.RecordValues(1000, 1L << 62);
        histogram.RecordValues(2000, 1L << 62);
        histogram.RecordValues(3000, 1L << 62);

        var (_, problem) = ResultValidator.HistogramTotal(histogram.Encode());

        Assert.Equal("the histogram's counts add up beyond 2^63", problem);
    }

    [Theory]
    [InlineData("not base64!", "not base64")]
    [InlineData("SElTVGNvcnJ1cHQwMDAwMDAwMA==", "cannot be decoded")]
    [InlineData("", "cannot be decoded")]
    public void HistogramTotal_Corrupt_SaysWhy(string encoded, string expected)
    {
        var (_, problem) = ResultValidator.HistogramTotal(encoded);

        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void HistogramTotal_ZlibBomb_IsRefusedWithoutInflatingIt()
    {
        // 64 MB of zeros compress to about 64 KB: a histogram that would inflate far beyond any Pacer layout.
        using var compressed = new MemoryStream();
        compressed.Write(new byte[8]);
        using (var zlib = new System.IO.Compression.ZLibStream(compressed, System.IO.Compression.CompressionLevel.Optimal, leaveOpen: true))
        {
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 64; i++)
            {
                zlib.Write(zeros);
            }
        }

        var bytes = compressed.ToArray();
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(bytes, 0x1c849314);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), bytes.Length - 8);
        var before = GC.GetAllocatedBytesForCurrentThread();

        var (_, problem) = ResultValidator.HistogramTotal(Convert.ToBase64String(bytes));

        Assert.Contains("decompresses beyond", problem, StringComparison.Ordinal);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 16L * 1024 * 1024, "the bomb was inflated");
    }

    [Fact]
    public void Validate_FractionAboveOne_IsRefused()
    {
        var sample = ResultFileTests.Sample();

        var error = Refused(sample with { Requests = [sample.Requests[0] with { ErrorRate = 1.5 }] });

        Assert.Contains("requests[0].error_rate: 1.5 is not a fraction", error.Message, StringComparison.Ordinal);
    }
}
