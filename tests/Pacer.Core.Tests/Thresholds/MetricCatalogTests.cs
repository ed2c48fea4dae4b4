using Pacer.Core.Plans;
using Pacer.Core.Recording;
using Pacer.Core.Results;
using Pacer.Core.Thresholds;
using Pacer.Core.Transport;

namespace Pacer.Core.Tests.Thresholds;

public sealed class MetricCatalogTests
{
    private static readonly LoadPlan Plan = PlanParser.Parse(
        "target: http://127.0.0.1:9/\nrequests: [{ name: a, path: /a }, { name: b, method: POST, path: /b }]\nload: { model: open, rate: 10, duration: 1s }\n",
        "catalog.yaml");

    [Fact]
    public void EveryKnownMetric_HasTheKindThePlanParserChecksExpressionsAgainst()
    {
        var catalog = new MetricCatalog(new RecorderMetricSource(Plan, new RunRecorder(["a", "b"]).Totals, TimeSpan.FromSeconds(1)));

        foreach (var (metric, kind) in KnownMetrics.Kinds)
        {
            Assert.True(catalog.Snapshot(metric, [])?.Kind == kind, $"{metric}: the catalogue says {catalog.Snapshot(metric, [])?.Kind}, KnownMetrics says {kind}");
        }
    }

    [Fact]
    public void All_ListsTheResultFilesMetrics_WithTheirTypesAndUnits()
    {
        var recorder = new RunRecorder(["a", "b"]);
        recorder.RecordRequest(0, 100, new TransportResult(200, ErrorKind.None, 100, 100 + (System.Diagnostics.Stopwatch.Frequency / 1000), 10, 20));
        recorder.Tick(1);
        var catalog = new MetricCatalog(new RecorderMetricSource(Plan, recorder.Totals, TimeSpan.FromSeconds(2)));

        var all = catalog.All().ToDictionary(m => m.Key, m => ResultStats.Metric(m.Value));

        Assert.Equal(["http_reqs", "http_req_duration", KnownMetrics.ExpectedDurationKey, "http_req_service_time", "http_req_queue_time", "http_req_failed", "iterations", "dropped_iterations", "data_sent", "data_received", "vus"], all.Keys);
        Assert.Equal(("counter", (string?)null, 1L, 0.5), (all["http_reqs"].Type, all["http_reqs"].Unit, all["http_reqs"].Count!.Value, all["http_reqs"].Rate!.Value));
        Assert.Equal(("counter", "B", 20L), (all["data_received"].Type, all["data_received"].Unit, all["data_received"].Count!.Value));
        Assert.Equal(("trend", "ms", 1L), (all["http_req_duration"].Type, all["http_req_duration"].Unit, all["http_req_duration"].Count!.Value));
        Assert.Equal(("rate", 0L, 1L), (all["http_req_failed"].Type, all["http_req_failed"].Passes!.Value, all["http_req_failed"].Fails!.Value));
        Assert.Equal(1, all["iterations"].Count); // a request mix: one request, one iteration
        Assert.Equal("gauge", all["vus"].Type);
    }

    [Fact]
    public void Snapshot_MethodTag_MergesTheNamesItSelects()
    {
        var recorder = new RunRecorder(["a", "b"]);
        var ms = System.Diagnostics.Stopwatch.Frequency / 1000;
        recorder.RecordRequest(0, 0, new TransportResult(200, ErrorKind.None, 0, 2 * ms, 1, 1));
        recorder.RecordRequest(1, 0, new TransportResult(200, ErrorKind.None, 0, 4 * ms, 1, 1));
        recorder.RecordRequest(1, 0, new TransportResult(500, ErrorKind.Http5xx, 0, 9 * ms, 1, 1));
        recorder.Tick(1);
        var catalog = new MetricCatalog(new RecorderMetricSource(Plan, recorder.Totals, TimeSpan.FromSeconds(1)));

        var post = catalog.Snapshot("http_req_duration", [new("method", "post")])!;
        var get = catalog.Snapshot("http_reqs", [new("method", "GET")])!;
        var failedPost = catalog.Snapshot("http_req_duration", [new("name", "b"), new("expected_response", "false")])!;

        Assert.Equal((2L, 4.0, 9.0, 6.5), (post.Count, post.Min, post.Max, post.Mean));
        Assert.Equal(1, post.Successful);
        Assert.Equal(1, get.Count);
        Assert.Equal((1L, 9.0), (failedPost.Count, failedPost.Max));
    }
}
