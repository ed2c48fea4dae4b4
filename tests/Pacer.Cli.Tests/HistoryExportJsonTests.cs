using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Pacer.Analysis.History;
using Pacer.Analysis.Inputs;
using Pacer.Cli.Commands;
using Pacer.History;

namespace Pacer.Cli.Tests;

public sealed class HistoryExportJsonTests
{
    private static readonly DateTimeOffset Recorded = new(2026, 12, 5, 21, 0, 0, TimeSpan.FromHours(1));

    /// <summary>A run with every optional part, and one with none (no branch, commit, commit time, machine, digest, values).</summary>
    private static List<(StoredRun Run, IReadOnlyList<SeriesValue> Values)> Rows() =>
    [
        (new StoredRun(
            new HistoryRun(7, Recorded, "checkout", "abc123", "main", Recorded.AddHours(-2), new Dictionary<string, string> { ["commit"] = "abc123", ["branch"] = "main", ["Région"] = "<eu & \"west\">" }),
            "sha256:abc", "ci-runner-1", "Pacer", "runs/7.json", 2),
         [new SeriesValue("all", "p95", "ms", MetricDirection.LowerIsBetter, 12.5, null), new SeriesValue("GET /cart", "rps", "req/s", MetricDirection.HigherIsBetter, 1e-7, "HIST")]),
        (new StoredRun(new HistoryRun(8, Recorded.AddDays(1), "login", null, null, null, new Dictionary<string, string>()), null, null, "k6", "k6.json", 0), []),
    ];

    [Fact]
    public void Json_IsByteForByteWhatTheReflectionSerializerWroteBeforeTheSourceGeneratedContext()
    {
        var rows = Rows();
        // The command before NativeAOT: anonymous types through the reflection serializer, indented.
        var before = JsonSerializer.Serialize(
            new
            {
                schema = "pacer.history-export/v1",
                runs = rows.Select(r => new
                {
                    id = r.Run.Run.Id,
                    recorded_at = r.Run.Run.RecordedAt,
                    plan = r.Run.Run.Plan,
                    branch = r.Run.Run.Branch,
                    commit = r.Run.Run.Commit,
                    commit_time = r.Run.Run.CommitTime,
                    machine = r.Run.Machine,
                    plan_digest = r.Run.PlanDigest,
                    format = r.Run.Format,
                    labels = r.Run.Run.Labels,
                    values = r.Values.Select(v => new { group = v.Group, metric = v.Metric, unit = v.Unit, direction = v.Direction == MetricDirection.LowerIsBetter ? "lower" : "higher", value = v.Value }),
                }),
            },
            new JsonSerializerOptions { WriteIndented = true, TypeInfoResolver = new DefaultJsonTypeInfoResolver() }) + "\n";

        var json = HistoryExportCommand.Json(rows);

        Assert.Equal(before, json);
        Assert.Contains("\"recorded_at\": \"2026-12-05T21:00:00+01:00\"", json, StringComparison.Ordinal);
        Assert.Contains("\"commit_time\": null", json, StringComparison.Ordinal);
        Assert.Contains("\"R\\u00E9gion\": \"\\u003Ceu \\u0026 \\u0022west\\u0022\\u003E\"", json, StringComparison.Ordinal);
        Assert.Contains("\"values\": []", json, StringComparison.Ordinal);
    }
}
