using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Pacer.Core.Plans;
using Pacer.Core.Results;
using Pacer.Core.Running;
using Pacer.Core.Tests.TestServers;
using Pacer.Core.Thresholds;
using Pacer.Core.Transport;

namespace Pacer.Core.Tests.Thresholds;

/// <summary>
/// The metric catalogue's promise, end to end: one run of a plan with many metrics, a scenario of several steps in a group,
/// checks, declared metrics and tagged thresholds; every threshold's actual value is the result file's own figure for that
/// metric, and the thresholds judged again on the file as read back give the very same verdicts.
/// </summary>
public sealed class CatalogAgreementTests
{
    private const string Thresholds = """
        thresholds:
          http_reqs: ["count>0", "rate>1"]
          iterations: ["count>0", "count<1000000"]
          dropped_iterations: ["count<1"]
          http_req_duration: ["p(95)<5000", "avg<5000", "min>=0", "max<5000", "med<5000", "p(99.9)<5000", "count>0"]
          "http_req_duration{name:browse › home}": ["p(99)<5000", "avg<5000"]
          "http_req_duration{expected_response:true}": ["p(90)<5000"]
          "http_req_duration{name:broken,expected_response:false}": ["max<5000"]
          "http_req_duration{status:500}": ["p(50)<5000"]
          "http_req_duration{expected_response:false}": ["avg<5000"]
          "http_req_duration{method:GET}": ["avg<5000", "p(97)<5000"]
          http_req_service_time: ["p(95)<5000"]
          "http_req_queue_time{name:browse › item}": ["max<5000"]
          http_req_failed: ["rate<0.01"]
          "http_req_failed{name:broken}": ["rate>0.9"]
          "http_reqs{name:browse › item}": ["count>0", "rate>1"]
          "http_reqs{error_kind:http_5xx}": ["count>0"]
          "data_received{name:browse › home}": ["count>0"]
          data_sent: ["count>0", "rate>0"]
          vus: ["value>=0", "max>0"]
          checks: ["rate>0.99"]
          "checks{name:home ok}": ["rate>0.99"]
          group_duration: ["p(95)<5000", "avg<5000"]
          "group_duration{group:browse}": ["max<5000"]
          item_time: ["p(95)<5000"]
          item_ok: ["rate>0.5"]
          items_seen: ["count>0"]
        """;

    /// <summary>Thresholds that merge several parts of the file (request names, a percentile it does not list): judged again only.</summary>
    private static readonly string[] NoSingleFigure =
    [
        "http_req_duration{expected_response:false} avg<5000",
        "http_req_duration{method:GET} avg<5000",
        "http_req_duration{method:GET} p(97)<5000",
    ];

    [Fact]
    public async Task OneRun_EveryThresholdActualIsTheFilesFigure_AndTheSavedFileJudgesTheSame()
    {
        await using var server = await TestHttpServer.StartAsync(context =>
        {
            if (context.Request.Path == "/broken")
            {
                context.Response.StatusCode = 500;
            }

            return context.Response.WriteAsync(context.Request.Path == "/item" ? """{"n": 3}""" : "ok");
        });
        var text = $$"""
            target: {{server.BaseAddress}}
            metrics:
              item_time: trend
              item_ok: rate
              items_seen: counter
            scenarios:
              - name: shop
                steps:
                  - group: browse
                    steps:
                      - name: home
                        path: /home
                        checks: [{ name: home ok, status: 200 }]
                      - name: item
                        path: /item
                        checks: [{ name: item has n, json: $.n, equals: 3 }]
                        record:
                          - { metric: item_time, value: duration }
                          - { metric: item_ok, value: ok }
                          - { metric: items_seen }
                  - name: broken
                    path: /broken
            load: { model: open, rate: 40, duration: 1s }
            """ + "\n" + Thresholds;
        var planPath = Path.Combine(Path.GetTempPath(), $"pacer-test-{Guid.NewGuid():N}-agreement.yaml");
        await File.WriteAllTextAsync(planPath, text);
        try
        {
            var plan = PlanParser.Load(planPath);
            await using var transport = PlanTransport.Create(plan);
            var outcome = await LoadRunner.RunAsync(plan, transport, new RunOptions(), CancellationToken.None);
            var result = ResultBuilder.Build(plan, outcome, new ThresholdMonitor(plan), transport.Name, transport.FirstErrorExamples);
            var json = ResultFile.ToJson(result);
            using var file = JsonDocument.Parse(json);

            Assert.Equal(40, file.RootElement.GetProperty("metrics").GetProperty("iterations").GetProperty("count").GetInt64());
            Assert.Equal(plan.Thresholds.Count, result.Thresholds.Count);
            var withoutFigure = new List<string>();
            foreach (var (spec, verdict) in plan.Thresholds.Zip(result.Thresholds))
            {
                Assert.True(verdict.Actual is not null, $"{verdict.Metric} {verdict.Expression}: no samples");
                if (Figure(file.RootElement, spec) is { } figure)
                {
                    Assert.True(figure == verdict.Actual, $"{verdict.Metric} {verdict.Expression}: threshold actual {verdict.Actual} but the file says {figure}");
                }
                else
                {
                    withoutFigure.Add($"{verdict.Metric} {verdict.Expression}");
                }
            }

            Assert.Equal(NoSingleFigure, withoutFigure);
            Assert.Contains(result.Thresholds, t => !t.Passed); // http_req_failed rate<0.01 fails: a failed verdict must match too

            var saved = ResultFile.Parse(json, "agreement.json");
            var rejudged = ResultThresholds.Judge(saved, ResultThresholds.ReadFile(saved, planPath));
            Assert.Equal(result.Thresholds, rejudged.Thresholds);
            Assert.Equal(result.NotPassedReason, rejudged.NotPassedReason);
            Assert.Equal(result.Passed, rejudged.Passed);
        }
        finally
        {
            File.Delete(planPath);
        }
    }

    /// <summary>
    /// The result file's own figure for a threshold, read from its JSON (not through the catalogue): the metric entry, or the
    /// request, status, error, group or check breakdown its tag names; null when no single entry of the file holds it.
    /// </summary>
    private static double? Figure(JsonElement file, ThresholdSpec spec)
    {
        var tags = spec.Tags.ToDictionary(t => t.Key, t => t.Value);
        var e = spec.Expression;
        JsonElement? entry = null;
        var countField = "count";
        var rateField = "rate";
        if (tags.Count == 0)
        {
            entry = file.GetProperty("metrics").GetProperty(spec.Metric);
        }
        else if (tags.Count == 1 && tags.GetValueOrDefault("expected_response") == "true")
        {
            entry = file.GetProperty("metrics").GetProperty(KnownMetrics.ExpectedDurationKey);
        }
        else if (tags.TryGetValue("group", out var group))
        {
            entry = Find(file, "groups", "name", group).GetProperty("duration");
        }
        else if (spec.Metric == "checks")
        {
            entry = Find(file, "checks", "name", tags["name"]);
        }
        else if (tags.TryGetValue("status", out var status))
        {
            var row = Find(file, "statuses", "status", status);
            entry = spec.Metric == "http_reqs" ? row : row.GetProperty("duration");
        }
        else if (tags.TryGetValue("error_kind", out var kind))
        {
            entry = Find(file, "errors", "kind", kind);
        }
        else if (tags.Count is 1 or 2 && tags.TryGetValue("name", out var name) && (tags.Count == 1 || tags.ContainsKey("expected_response")))
        {
            var request = Find(file, "requests", "name", name);
            (entry, countField, rateField) = (spec.Metric, tags.GetValueOrDefault("expected_response")) switch
            {
                ("http_req_duration", "false") => (request.GetProperty("failed_duration"), "count", "rate"),
                ("http_req_duration", "true") => (request.GetProperty("expected_duration"), "count", "rate"),
                ("http_req_duration", _) => (request.GetProperty("duration"), "count", "rate"),
                ("http_req_service_time", _) => (request.GetProperty("service_time"), "count", "rate"),
                ("http_req_queue_time", _) => (request.GetProperty("queue_time"), "count", "rate"),
                ("http_req_failed", _) => (request, "requests", "error_rate"),
                ("data_sent", _) => (request, "data_sent", "rate"),
                ("data_received", _) => (request, "data_received", "rate"),
                _ => (request, "requests", "rate"),
            };
        }

        if (entry is not { } found)
        {
            return null;
        }

        var field = e.Aggregation switch
        {
            ThresholdAggregation.Avg => "mean",
            ThresholdAggregation.Min => "min",
            ThresholdAggregation.Max => "max",
            ThresholdAggregation.Med => "p50",
            ThresholdAggregation.Percentile => e.Percentile switch { 50 => "p50", 90 => "p90", 95 => "p95", 99 => "p99", 99.9 => "p999", _ => null },
            ThresholdAggregation.Count => countField,
            ThresholdAggregation.Rate => rateField,
            _ => "value",
        };
        return field is not null && found.TryGetProperty(field, out var value) ? value.GetDouble() : null;
    }

    private static JsonElement Find(JsonElement file, string array, string key, string value) =>
        file.GetProperty(array).EnumerateArray().Single(row => row.GetProperty(key).ValueKind == JsonValueKind.Number
            ? row.GetProperty(key).GetInt32().ToString(CultureInfo.InvariantCulture) == value
            : row.GetProperty(key).GetString() == value);
}
