using Pacer.Core.Plans;
using Pacer.Core.Recording;
using Pacer.Core.Results;
using Pacer.Core.Thresholds;

namespace Pacer.Core.Tests.Results;

/// <summary>Thresholds judged on a saved result: its own figures, exact percentiles, and a clear refusal where an older file lacks figures.</summary>
public sealed class ResultThresholdsTests
{
    [Fact]
    public void Judge_PercentileNotWrittenInTheFile_IsRecomputedFromTheHistogramWithItsExactMaximum()
    {
        var histogram = new LatencyHistogram();
        for (var micros = 1_000; micros <= 100_000; micros += 1_000)
        {
            histogram.Record(micros + 7);
        }

        var result = WithRequest(histogram, failures: 0);

        var check = ResultThresholds.Judge(result, ResultThresholds.ReadOption(result, "http_req_duration{name:r}: [\"p(97)<1\", \"max<1\", \"avg<1\"]", "-t"));

        Assert.Equal([histogram.ValueAtPercentile(97) / 1000.0, 100.007, Math.Round(histogram.Mean / 1000, 4)], check.Thresholds.Select(t => t.Actual!.Value));
        Assert.False(check.Passed);
    }

    [Fact]
    public void Judge_ExpectedResponseOfOneNameInAnOlderFile_SaysTheFileCannotAnswer()
    {
        var histogram = new LatencyHistogram();
        histogram.Record(2_000);
        histogram.Record(3_000);
        var result = WithRequest(histogram, failures: 1); // no expected_duration / failed_duration: written before they existed

        var ok = ResultThresholds.Judge(result, ResultThresholds.ReadOption(result, "http_req_duration{name:r}: p(95)<10", "-t"));
        var e = Assert.Throws<MetricSourceException>(() => ResultThresholds.Judge(result, ResultThresholds.ReadOption(result, "http_req_duration{name:r,expected_response:true}: p(95)<10", "-t")));

        Assert.True(ok.Passed);
        Assert.Contains("request 'r'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadOption_UnknownRequestName_IsAPlanErrorWithThePlace()
    {
        var result = WithRequest(new LatencyHistogram(), failures: 0);

        var e = Assert.Throws<PlanException>(() => ResultThresholds.ReadOption(result, "http_reqs{name:nope}: count>0", "--threshold 3"));

        Assert.Equal("--threshold 3:1:1: no request is named 'nope' (request names: r)", e.Errors.Single().ToString());
    }

    private static RunResult WithRequest(LatencyHistogram histogram, long failures)
    {
        var stats = ResultStats.Stats(histogram);
        var count = histogram.TotalCount;
        return ResultFileTests.Sample() with
        {
            Metrics = new Dictionary<string, MetricResult>
            {
                ["http_reqs"] = new() { Type = "counter", Count = count, Rate = count / 10.0 },
                ["http_req_failed"] = new() { Type = "rate", Rate = count == 0 ? 0 : (double)failures / count, Passes = failures, Fails = count - failures },
                ["http_req_duration"] = new() { Type = "trend", Unit = "ms", Count = count, Min = stats.Min, Mean = stats.Mean, Max = stats.Max, Histogram = stats.Histogram },
            },
            Requests = [new RequestResult("r", "GET", "http://h/", count, count / 10.0, failures, count == 0 ? 0 : (double)failures / count, 10, 20, stats, stats, stats)],
            Statuses = [new StatusResult(200, count - failures, stats)],
        };
    }
}
