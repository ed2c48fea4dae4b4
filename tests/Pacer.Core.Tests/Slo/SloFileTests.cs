using Pacer.Core.Plans;

namespace Pacer.Core.Tests.Slo;

/// <summary>SLO files as teams write them: seed 000's performance-targets.yaml, verbatim, maps to these thresholds and no others.</summary>
public sealed class SloFileTests
{
    private static string Fixture => Path.Combine(AppContext.BaseDirectory, "Fixtures", "performance-targets.yaml");

    [Fact]
    public void Load_TheSeedsFileVerbatim_GivesTheExpectedThresholds_AndListsWhatItCannotJudge()
    {
        var slo = SloFile.Load(Fixture);

        Assert.Equal(
            [
                "http_req_duration p(50)<8ms = 8",
                "http_req_duration p(95)<15ms = 15",
                "http_req_duration p(99)<25ms = 25",
                "http_reqs rate>1000 = 1000",
                "vus max>10000 = 10000",
                "target_cpu max<70% = 0.7 %",
                "target_memory max<4GB = 4000000000 bytes",
                "target_network max<500Mbps = 62500000 bytes_per_second",
                "http_req_failed rate<0.1% = 0.001",
            ],
            slo.Thresholds.Select(t => FormattableString.Invariant($"{t.Key} {t.Text} = {t.Expression.Value}{(t.Expression.Unit is { } u ? " " + u : string.Empty)}")));
        Assert.All(slo.Thresholds, t => Assert.Equal("slo: performance-targets.yaml", t.Origin));
        Assert.Equal("performance_targets.response_time.p95: < 15ms", slo.Thresholds[1].Meaning);
        Assert.Contains("the plan's peak users", slo.Thresholds[4].Meaning, StringComparison.Ordinal);
        Assert.Equal(
            [
                "performance_targets.throughput.sessions_per_node > 2000",
                "performance_targets.availability.uptime > 99.99%",
                "performance_targets.availability.recovery_time < 30s",
            ],
            slo.NotJudged.Select(n => $"{n.Key} {n.Value}"));
        Assert.All(slo.NotJudged, n => Assert.False(string.IsNullOrWhiteSpace(n.Reason)));
        Assert.StartsWith("performance_targets.resource_utilization.network_bandwidth: < 500Mbps — the target's network traffic received + sent", slo.Thresholds[7].Meaning, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("performance_targets:\n  response_time:\n    p95: \"15ms\"\n", "slo.yaml:3:10: performance_targets.response_time.p95: '15ms' is not a target (write an operator and a value, e.g. \"< 15ms\", \"> 1000\", \"< 0.1%\")")]
    [InlineData("performance_targets:\n  resource_utilization:\n    memory_usage: \"< 70ms\"\n", "slo.yaml:3:19: performance_targets.resource_utilization.memory_usage: '< 70ms': a bound in time (ms, s …) does not fit target_memory, read in bytes (B, kB, MB, GB, KiB …) (e.g. \"< 4GB\" or \"< 80%\" (of its limit))")]
    [InlineData("performance_targets:\n  resource_utilization:\n    network_bandwidth: \"< 50%\"\n", "slo.yaml:3:24: performance_targets.resource_utilization.network_bandwidth: '< 50%': '%' does not apply to target_network, read in bytes_per_second")]
    [InlineData("performance_targets:\n  resource_utilization:\n    network_bandwidth: \"< 4GB\"\n", "slo.yaml:3:24: performance_targets.resource_utilization.network_bandwidth: '< 4GB': a bound in bytes (B, kB, MB, GB, KiB …) does not fit target_network, read in bytes per second (B/s, Mbps …) (a bandwidth, e.g. \"< 500Mbps\" or \"< 60MB/s\")")]
    [InlineData("performance_targets:\n  response_time:\n    p99: \"< 25parsecs\"\n", "slo.yaml:3:10: performance_targets.response_time.p99: '< 25parsecs' does not fit http_req_duration: unknown unit 'parsecs'")]
    [InlineData("targets:\n  p99: \"< 25ms\"\n", "slo.yaml:1:1: an SLO file has a 'performance_targets:' section")]
    [InlineData("performance_targets:\n  response_time: [1, 2]\n", "slo.yaml:2:18: performance_targets.response_time must be")]
    public void Parse_Mistakes_NameFileLineAndColumn(string text, string expected)
    {
        var e = Assert.Throws<PlanException>(() => SloFile.Parse(text, "slo.yaml"));

        Assert.StartsWith(expected, e.Errors[0].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownKeysAnywhere_AreNotJudgedWithAReason_NeverDropped()
    {
        var slo = SloFile.Parse("performance_targets:\n  latency:\n    p999: \"< 100ms\"\n  cache:\n    hit_rate: \"> 95%\"\n", "mine.yaml");

        Assert.Equal("http_req_duration p(99.9)<100ms", $"{slo.Thresholds.Single().Key} {slo.Thresholds.Single().Text}");
        var skipped = Assert.Single(slo.NotJudged);
        Assert.Equal(("performance_targets.cache.hit_rate", "> 95%", "slo: mine.yaml"), (skipped.Key, skipped.Value, skipped.Origin));
        Assert.StartsWith("not a key Pacer can map", skipped.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void WithSlo_AddsTheFilesThresholdsAfterThePlansOwn()
    {
        var plan = PlanParser.Parse("target: http://127.0.0.1:9/\nrequests: [{ path: / }]\nload: { model: open, rate: 1, duration: 1s }\nthresholds: { http_req_failed: [\"rate<0.05\"] }\n", "p.yaml");

        var merged = plan.WithSlo(SloFile.Load(Fixture)).WithSlo(SloFile.Parse("performance_targets: { x: { uptime: \"> 99%\" } }", "two.yaml"));

        Assert.Equal(10, merged.Thresholds.Count);
        Assert.Null(merged.Thresholds[0].Origin);
        Assert.Equal(["slo: performance-targets.yaml", "slo: two.yaml"], merged.NotJudged.Select(n => n.Origin).Distinct());
    }
}
