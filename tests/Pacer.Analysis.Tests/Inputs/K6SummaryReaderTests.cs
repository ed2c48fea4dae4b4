using Pacer.Analysis.Inputs;

namespace Pacer.Analysis.Tests.Inputs;

public sealed class K6SummaryReaderTests
{
    private static readonly RunData Export = Fixture.Read("k6-summary-export.json");
    private static readonly RunData Handle = Fixture.Read("k6-handle-summary.json");

    [Fact]
    public void Read_SummaryExport_MapsDurationStatistics()
    {
        Assert.Equal(18.5402, Export.Get("all", "p50").Value);
        Assert.Equal(39.9371, Export.Get("all", "p90").Value);
        Assert.Equal(55.0125, Export.Get("all", "p95").Value);
        Assert.Equal(130.7344, Export.Get("all", "p99").Value);
        Assert.Equal(23.4187, Export.Get("all", "avg").Value);
        var p95 = Export.Get("all", "p95");
        Assert.Equal(("ms", MetricDirection.LowerIsBetter, ObservationKind.LatencyQuantile), (p95.Unit, p95.Direction, p95.Kind));
        Assert.Empty(p95.Samples);
    }

    [Fact]
    public void Read_SummaryExport_TaggedSubmetricsAreGroups()
    {
        Assert.Equal(77.7, Export.Get("login", "p95").Value);
        Assert.Equal(54.2219, Export.Get("{expected_response:true}", "p95").Value);
    }

    [Fact]
    public void Read_SummaryExport_IterationAndCustomTrendsAreTheirOwnGroups()
    {
        Assert.Equal(1057.01, Export.Get("iteration_duration", "p95").Value);
        Assert.Equal(38.75, Export.Get("checkout_time", "p50").Value);
        Assert.Equal(80.4, Export.Get("checkout_time", "p95").Value);
    }

    [Fact]
    public void Read_SummaryExport_SkipsRequestPhaseTrends() =>
        Assert.DoesNotContain(Export.Observations, o => o.Group.StartsWith("http_req_blocked", StringComparison.Ordinal));

    [Fact]
    public void Read_SummaryExport_ThroughputAndErrorRate()
    {
        var rps = Export.Get("all", "rps");
        Assert.Equal(19.99836, rps.Value);
        Assert.Equal((MetricDirection.HigherIsBetter, ObservationKind.Throughput), (rps.Direction, rps.Kind));

        // k6 counts http_req_failed's true samples (failed requests) as "passes".
        var errors = Export.Get("all", "error_rate");
        Assert.Equal((24L, 1_200L, 0.02), (errors.Failures, errors.Total, errors.Value));
    }

    [Fact]
    public void Read_HandleSummary_MapsValues()
    {
        Assert.Equal(10.75, Handle.Get("all", "p50").Value);
        Assert.Equal(27.25, Handle.Get("all", "p95").Value);
        Assert.Equal(61, Handle.Get("all", "p99").Value);
        Assert.Equal(30.5, Handle.Get("search", "p95").Value);
        Assert.Equal(66.63901, Handle.Get("all", "rps").Value);
        Assert.Equal(33.319505, Handle.Get("search", "rps").Value);
        Assert.Equal(59, Handle.Get("iteration_duration", "p95").Value);
        Assert.Equal(("", 9.0), (Handle.Get("queue_depth", "p95").Unit, Handle.Get("queue_depth", "p95").Value));
        Assert.DoesNotContain(Handle.Observations, o => o.Group == "http_req_waiting");
    }

    [Fact]
    public void Read_HandleSummary_ErrorRateFromCountsOrFromRateTimesRequests()
    {
        var all = Handle.Get("all", "error_rate");
        Assert.Equal((25L, 2_000L, 0.0125), (all.Failures, all.Total, all.Value));

        // {name:search} has only a rate: the total is http_reqs{name:search} and the failures 0.015 × 1000.
        var search = Handle.Get("search", "error_rate");
        Assert.Equal((15L, 1_000L), (search.Failures, search.Total));
    }
}
