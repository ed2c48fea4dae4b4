using Pacer.Analysis.Inputs;
using Pacer.Core.Recording;
using Pacer.Core.Results;

namespace Pacer.Analysis.Tests.Inputs;

/// <summary>The fixture is a real result: <c>pacer run --url …/health --vus 5 --duration 2s</c> against the demo target with 5% errors.</summary>
public sealed class PacerResultReaderTests
{
    private static readonly RunData Run = Fixture.Read("pacer-run.json");

    [Fact]
    public void Read_Result_HasQuantilesAndErrorRatePerRequestAndAll()
    {
        Assert.Equal(InputFormat.Pacer, Run.Format);
        Assert.Equal(
            ["all p50", "all p95", "all p99", "all rps", "all error_rate", "GET /health p50", "GET /health p95", "GET /health p99", "GET /health error_rate"],
            Run.Observations.Select(o => $"{o.Group} {o.Metric}"));
    }

    [Theory]
    [InlineData("all")]
    [InlineData("GET /health")]
    public void Read_Latency_ValuesAreTheRecordedQuantilesInMs(string group)
    {
        Assert.Equal(0.215, Run.Get(group, "p50").Value);
        Assert.Equal(0.591, Run.Get(group, "p95").Value);
        Assert.Equal(1.396, Run.Get(group, "p99").Value);
        var p95 = Run.Get(group, "p95");
        Assert.Equal(("ms", MetricDirection.LowerIsBetter, ObservationKind.LatencyQuantile), (p95.Unit, p95.Direction, p95.Kind));
    }

    [Fact]
    public void Read_Latency_SamplesAreTheHistogramThinnedTo2000()
    {
        var result = ResultFile.Parse(File.ReadAllText(Fixture.Path("pacer-run.json")), "pacer-run.json");
        var histogram = LatencyHistogram.Decode(result.Metrics["http_req_duration"].Histogram!);
        var samples = Run.Get("all", "p99").Samples;

        Assert.Equal(2_000, samples.Count);
        Assert.Equal(histogram.ValueAtPercentile(100 * 0.5 / 2_000) / 1000.0, samples[0]);
        Assert.Equal(histogram.ValueAtPercentile(100 * 1_000.5 / 2_000) / 1000.0, samples[1_000]);
        Assert.Equal(histogram.ValueAtPercentile(100 * 1_999.5 / 2_000) / 1000.0, samples[^1]);
    }

    [Fact]
    public void Read_Throughput_IsRequestsOverDurationWithFullSecondsAsSamples()
    {
        var rps = Run.Get("all", "rps");

        Assert.Equal(35_423 / 2.021, rps.Value);
        Assert.Equal(("req/s", MetricDirection.HigherIsBetter, ObservationKind.Throughput), (rps.Unit, rps.Direction, rps.Kind));
        // The series is 1, 2.001, 2.021: the last 20 ms are a partial second and are left out.
        Assert.Equal([14_455.0, 20_905.0], rps.Samples);
    }

    [Theory]
    [InlineData("all")]
    [InlineData("GET /health")]
    public void Read_ErrorRate_IsFailuresOverRequests(string group)
    {
        var errors = Run.Get(group, "error_rate");

        Assert.Equal((1_771L, 35_423L), (errors.Failures, errors.Total));
        Assert.Equal(1_771.0 / 35_423, errors.Value);
        Assert.Equal(("ratio", ObservationKind.ErrorRate), (errors.Unit, errors.Kind));
    }

    [Fact]
    public void Read_NoOverallHistogram_MergesRequestHistograms()
    {
        var json = File.ReadAllText(Fixture.Path("pacer-run.json"));
        var result = ResultFile.Parse(json, "pacer-run.json");
        var trimmed = result with
        {
            Metrics = result.Metrics.Where(m => m.Key != "http_req_duration").ToDictionary(m => m.Key, m => m.Value),
        };
        var path = Fixture.Temp("trimmed.json", ResultFile.ToJson(trimmed));

        var run = RunFileReader.Read(path);

        var request = LatencyHistogram.Decode(result.Requests[0].Duration.Histogram);
        Assert.Equal(request.ValueAtPercentile(95) / 1000.0, run.Get("all", "p95").Value);
        Assert.Equal(Run.Get("all", "p95").Samples, run.Get("all", "p95").Samples);
    }
}
