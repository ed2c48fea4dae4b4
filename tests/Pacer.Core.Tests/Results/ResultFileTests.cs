using Pacer.Core.Recording;
using Pacer.Core.Results;

namespace Pacer.Core.Tests.Results;

public sealed class ResultFileTests
{
    [Fact]
    public async Task WriteAsync_ThenReadAsync_RoundTripsAndLeavesNoTemporaryFile()
    {
        var folder = Directory.CreateTempSubdirectory("pacer-results-").FullName;
        var path = Path.Combine(folder, "nested", "run.json");
        var result = Sample();

        await ResultFile.WriteAsync(result, path);
        var read = await ResultFile.ReadAsync(path);

        Assert.Equal(result.RunId, read.RunId);
        Assert.Equal(result.Metrics["http_req_duration"].P99, read.Metrics["http_req_duration"].P99);
        Assert.Equal(result.Requests[0].Duration.Histogram, read.Requests[0].Duration.Histogram);
        Assert.Equal(["run.json"], Directory.GetFiles(Path.GetDirectoryName(path)!).Select(Path.GetFileName));
        var json = await File.ReadAllTextAsync(path);
        Assert.Contains("\"schema\": \"pacer.run/v1\"", json, StringComparison.Ordinal);
        Assert.Contains("\"http_req_duration\"", json, StringComparison.Ordinal);
        Assert.Contains("\"started_utc\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"abort_reason\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_AFileFromBeforeTheOptionalFields_ReadsThemAsEmpty()
    {
        // Fields added to the schema later are absent from older files; the generated deserializer hands a missing init
        // property null, and a reader must still see what the reflection serializer gave: empty, never null.
        var node = System.Text.Json.Nodes.JsonNode.Parse(ResultFile.ToJson(Sample()))!.AsObject();
        foreach (var name in new[] { "checks", "groups", "script_errors", "data_exhausted" })
        {
            node.Remove(name);
        }

        node["plan"]!.AsObject().Remove("scenario_models");
        foreach (var request in node["requests"]!.AsArray())
        {
            request!.AsObject().Remove("errors_by_kind");
        }

        var read = ResultFile.Parse(node.ToJsonString(), "old.json");

        Assert.Empty(read.Checks);
        Assert.Empty(read.Groups);
        Assert.Empty(read.ScriptErrors);
        Assert.Empty(read.DataExhausted);
        Assert.Empty(read.Plan.ScenarioModels);
        Assert.All(read.Requests, r => Assert.Empty(r.ErrorsByKind));
    }

    [Theory]
    [InlineData("checks", "$.checks")]
    [InlineData("plan.scenario_models", "$.plan.scenario_models")]
    [InlineData("requests.0.errors_by_kind", "$.requests[0].errors_by_kind")]
    public void Parse_AnOptionalFieldSetToNull_IsRefusedNamingIt(string field, string path)
    {
        // Left out, such a field reads as empty (above); set to null it is a damaged file, as any other null the schema has none of.
        var node = System.Text.Json.Nodes.JsonNode.Parse(ResultFile.ToJson(Sample()))!;
        var parts = field.Split('.');
        var parent = node;
        foreach (var part in parts[..^1])
        {
            parent = int.TryParse(part, out var index) ? parent[index]! : parent[part]!;
        }

        parent.AsObject()[parts[^1]] = null;

        var e = Assert.Throws<ResultFormatException>(() => ResultFile.Parse(node.ToJsonString(), "damaged.json"));

        Assert.Contains("damaged.json", e.Message, StringComparison.Ordinal);
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.Contains("is null where the schema requires a value", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_OverExistingFile_ReplacesIt()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("pacer-results-").FullName, "run.json");
        await File.WriteAllTextAsync(path, "old");

        await ResultFile.WriteAsync(Sample(), path);

        Assert.Equal(RunResult.SchemaV1, (await ResultFile.ReadAsync(path)).Schema);
    }

    [Theory]
    [InlineData("{ not json", "not a Pacer result file (expected the pacer.run/v1 JSON that pacer run writes; this is not JSON: ")]
    [InlineData("{\"metrics\":{}}", "not a Pacer result file")]
    [InlineData("{\"schema\":\"pacer.run/v9\"}", "unsupported schema \"pacer.run/v9\"")]
    [InlineData("{\"schema\":\"pacer.run/v1\",\"run_id\":5}", "malformed pacer.run/v1 file")]
    public void Parse_NotAResult_NamesTheFileAndTheProblem(string json, string expected)
    {
        var error = Assert.Throws<ResultFormatException>(() => ResultFile.Parse(json, "x.json"));

        Assert.StartsWith("x.json: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Stats_FromHistogram_AreMillisecondsAndKeepTheHistogram()
    {
        var histogram = new LatencyHistogram();
        for (var us = 1000; us <= 100_000; us += 1000)
        {
            histogram.Record(us);
        }

        var stats = ResultStats.Stats(histogram);

        Assert.Equal(100, stats.Count);
        Assert.Equal(1, stats.Min);
        Assert.Equal(100, stats.Max);
        Assert.Equal(50.5, stats.Mean, 3);
        Assert.Equal(50, stats.P50, 0);
        Assert.Equal(99, stats.P99, 0);
        Assert.Equal(histogram.TotalCount, LatencyHistogram.Decode(stats.Histogram).TotalCount);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(5, 50)]
    [InlineData(10, 100)]
    [InlineData(15, 100)]
    [InlineData(25, 0)]
    public void TargetAt_InterpolatesThePlannedStages(double t, double expected)
    {
        StageInfo[] stages = [new(0, 10, 0, 100), new(10, 10, 100, 100), new(20, 5, 100, 0)];

        Assert.Equal(expected, StageTimeline.TargetAt(stages, 0, t), 9);
    }

    internal static RunResult Sample()
    {
        var histogram = new LatencyHistogram();
        histogram.Record(1500);
        histogram.Record(2500);
        var stats = ResultStats.Stats(histogram);
        return new RunResult
        {
            RunId = "abc",
            StartedUtc = DateTimeOffset.Parse("2026-11-22T13:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
            EndedUtc = DateTimeOffset.Parse("2026-11-22T13:00:10Z", System.Globalization.CultureInfo.InvariantCulture),
            DurationSeconds = 10,
            Passed = true,
            Plan = new PlanInfo("p", "p.yaml", "sha256:00", "target: x", "http://h/", "open", 10, [new StageInfo(0, 10, 1, 1)]),
            Environment = new EnvironmentInfo("m", "os", ".NET", 2, "1.0", "httpclient/1.1"),
            Metrics = new Dictionary<string, MetricResult>
            {
                ["http_req_duration"] = new() { Type = "trend", Unit = "ms", Count = 2, P99 = 2.5, Histogram = stats.Histogram },
                ["http_reqs"] = new() { Type = "counter", Count = 2, Rate = 0.2 },
            },
            Requests = [new RequestResult("r", "GET", "http://h/", 2, 0.2, 0, 0, 10, 20, stats, stats, stats)],
            Statuses = [new StatusResult(200, 2, stats)],
            Errors = [],
            Series = [new IntervalResult(1, 2, 0, 0, 1, 1, 1.5, 2.5, 2.5, 2.5, 10, 20)],
            Thresholds = [new ThresholdResult("http_req_duration", "p(99)<5ms", true, 2.5, false, null)],
            Warnings = [],
        };
    }
}
