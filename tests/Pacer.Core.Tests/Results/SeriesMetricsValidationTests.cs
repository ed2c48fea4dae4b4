using Pacer.Core.Results;

namespace Pacer.Core.Tests.Results;

/// <summary>The series' per-second WebSocket figures (<c>series[].metrics</c>) pass the reader's checks like every other field.</summary>
public sealed class SeriesMetricsValidationTests
{
    [Theory]
    [InlineData(-1L, 1.0, "series[0].metrics.ws_msg_rtt.count: -1 is negative")]
    [InlineData(3L, double.NaN, "series[0].metrics.ws_msg_rtt.p95: NaN is not a finite number")]
    public void Validate_BadSecondOfAWsMetric_NamesItsPath(long count, double p95, string expected)
    {
        var sample = ResultFileTests.Sample();
        var second = sample.Series[0] with { Metrics = new Dictionary<string, IntervalMetric> { ["ws_msg_rtt"] = new(count) { P50 = 1, P95 = p95, P99 = 2, Max = 2 } } };

        var error = Assert.Throws<ResultFormatException>(() => ResultValidator.Validate(sample with { Series = [second] }, "r.json"));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SeriesWithoutMetrics_ReadsAsBeforeAndWritesNoField()
    {
        var json = ResultFile.ToJson(ResultFileTests.Sample());

        var read = ResultFile.Parse(json, "r.json");

        Assert.DoesNotContain("\"metrics\": {\n        \"ws_", json, StringComparison.Ordinal);
        Assert.All(read.Series, s => Assert.Null(s.Metrics));
    }
}
