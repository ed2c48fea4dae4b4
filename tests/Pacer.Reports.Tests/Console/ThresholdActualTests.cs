using Pacer.Core.Results;
using Pacer.Reports.Console;
using Pacer.Reports.Tests.Html;

namespace Pacer.Reports.Tests.Console;

public sealed class ThresholdActualTests
{
    [Theory]
    [InlineData("http_req_duration", "p(95)<50ms", 0.849, "849 µs")]
    [InlineData("http_req_duration{name:login}", "p(99)<1s", 12.5, "12.5 ms")]
    [InlineData("http_req_duration", "p(99)<1s", 999.96, "1.00 s")]
    [InlineData("http_req_failed", "rate<0.01", 0.0012, "0.12%")]
    [InlineData("http_reqs", "count>100", 5250, "5,250")]
    [InlineData("http_req_duration", "count>10", 5250, "5,250")]
    [InlineData("http_reqs", "rate>100", 3953.736, "3,953.7/s")]
    [InlineData("data_sent", "count<1e9", 2453776, "2.45 MB")]
    [InlineData("data_sent", "rate<1e9", 81792.5, "81.8 kB/s")]
    public void Format_ReadsTheValueInItsMetricsUnit(string metric, string expression, double actual, string expected)
    {
        var threshold = new ThresholdResult(metric, expression, Passed: true, actual, AbortOnFail: false, Note: null);

        Assert.Equal(expected, ThresholdActual.Format(RunFixture.Load(), threshold));
    }

    [Fact]
    public void Format_NoSamples_SaysSo()
    {
        var threshold = new ThresholdResult("http_req_duration", "p(95)<50ms", Passed: false, Actual: null, AbortOnFail: false, Note: null);

        Assert.Equal("no samples", ThresholdActual.Format(RunFixture.Load(), threshold));
    }

    [Theory]
    [InlineData("target_cpu", "cores", "max<70%", 0.75, "75.00%")]
    [InlineData("target_cpu", "cores", "max<1.6cores", 1.5, "1.50 cores")]
    [InlineData("target_memory", "bytes", "max<4GB", 3.2e9, "3.20 GB")]
    [InlineData("target_throttled", "ratio", "rate<0.01", 0.02, "2.00%")]
    [InlineData("target_read_bytes", "bytes_per_second", "avg<10MB/s", 2.5e6, "2.50 MB/s")]
    [InlineData("queue_depth", "count", "max<20", 12, "12")]
    public void Format_TargetMetric_ReadsInItsUnit_AndAPercentBoundAsAShareOfTheLimit(string metric, string unit, string expression, double actual, string expected)
    {
        var result = RunFixture.Load() with { Target = new TargetResult([new TargetSourceResult("pid", "1", 1, [])], [new TargetMetricResult(metric, "pid", unit, actual, actual, actual, [new TargetPointResult(1, actual)])]) };

        Assert.Equal(expected, ThresholdActual.Format(result, new ThresholdResult(metric, expression, Passed: true, actual, AbortOnFail: false, Note: null)));
    }

    [Fact]
    public void Format_NotMeasured_SaysWhyInsteadOfNoSamples()
    {
        var threshold = new ThresholdResult("target_cpu", "max<70%", Passed: false, Actual: null, AbortOnFail: false, Note: "not measured: no watch source gives target_cpu (add --watch-pid or watch:)");

        Assert.Equal("not measured: no watch source gives target_cpu (add --watch-pid or watch:)", ThresholdActual.Format(RunFixture.Load(), threshold));
    }
}
