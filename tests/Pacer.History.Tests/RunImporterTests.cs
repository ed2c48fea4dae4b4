using Pacer.Analysis.Inputs;

namespace Pacer.History.Tests;

/// <summary>Every format compare reads becomes a run to record, through compare's own readers.</summary>
public sealed class RunImporterTests
{
    private static readonly Dictionary<string, string> Labels = new() { [RunLabels.Branch] = "main" };

    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    [Fact]
    public void A_Pacer_result_gives_its_plan_digest_machine_start_and_histograms()
    {
        var run = RunImporter.FromFile(Fixture("pacer-run.json"), null, null, Labels, DateTimeOffset.UnixEpoch);

        Assert.Equal(("GET /health", "Pacer", "vm"), (run.Plan, run.Format, run.Machine));
        Assert.StartsWith("sha256:", run.PlanDigest, StringComparison.Ordinal);
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 15, 32, 1, 417, TimeSpan.Zero).AddTicks(3615), run.RecordedAt);
        Assert.Equal(File.ReadAllText(Fixture("pacer-run.json")), run.Content);
        var p95 = Assert.Single(run.Values, v => v.Group == "all" && v.Metric == "p95");
        Assert.Equal(0.591, p95.Value);
        Assert.NotNull(p95.Distribution);
        Assert.All(run.Values.Where(v => v.Metric is "p50" or "p95" or "p99"), v => Assert.NotNull(v.Distribution));
        Assert.All(run.Values.Where(v => v.Metric is "rps" or "error_rate"), v => Assert.Null(v.Distribution));
        Assert.Equal("renamed", RunImporter.FromFile(Fixture("pacer-run.json"), null, "renamed", Labels, DateTimeOffset.UnixEpoch).Plan);
    }

    [Theory]
    [InlineData("go-bench.txt", InputFormat.GoBench)]
    [InlineData("bdn-report-full.json", InputFormat.BenchmarkDotNet)]
    [InlineData("hyperfine.json", InputFormat.Hyperfine)]
    [InlineData("k6-summary-export.json", InputFormat.K6Summary)]
    [InlineData("k6-points.jsonl", InputFormat.K6Points)]
    public void Another_tools_file_gives_the_values_compare_reads_under_the_plan_given(string file, InputFormat format)
    {
        var now = new DateTimeOffset(2026, 12, 5, 0, 0, 0, TimeSpan.Zero);

        var run = RunImporter.FromFile(Fixture(file), null, "micro", Labels, now);

        var read = RunFileReader.Read(Fixture(file));
        Assert.Equal(("micro", format.ToString(), now), (run.Plan, run.Format, run.RecordedAt));
        Assert.Equal(read.Observations.Select(o => (o.Group, o.Metric, o.Unit, o.Value)), run.Values.Select(v => (v.Group, v.Metric, v.Unit, v.Value)));
        Assert.All(run.Values, v => Assert.Null(v.Distribution));
    }

    [Fact]
    public void Another_tools_file_without_a_plan_name_is_refused_saying_why()
    {
        var refused = Assert.Throws<InputFormatException>(() => RunImporter.FromFile(Fixture("go-bench.txt"), null, null, Labels, DateTimeOffset.UnixEpoch));

        Assert.Contains("give --plan NAME", refused.Message, StringComparison.Ordinal);
    }
}
