using System.Text.Json;
using Pacer.DemoTarget;

namespace Pacer.Cli.Tests;

/// <summary><c>pacer run --slo</c> against the demo target: SLO files judged beside the plan, exit 0 or 99, nothing dropped silently.</summary>
public sealed class SloRunTests
{
    [Fact]
    public async Task Run_WithAMetSloFileAndObjectives_Exits0_ShowingEachThresholdsOrigin_AndWhatWasNotJudged()
    {
        await using var target = await DemoTargetHost.StartAsync(new DemoTargetOptions());
        var plan = CliRunner.TempFile("plan.yaml");
        var slo = CliRunner.TempFile("targets.yaml");
        var output = CliRunner.TempFile("slo.json");
        var markdown = CliRunner.TempFile("slo.md");
        var junit = CliRunner.TempFile("slo.xml");
        await File.WriteAllTextAsync(plan, $"target: {target.BaseAddress}\nrequests: [{{ path: /health }}]\nload: {{ model: open, rate: 50, duration: 2s }}\nthresholds: {{ http_req_failed: [\"rate<0.05\"] }}\nslo:\n  objectives:\n    - {{ name: availability, metric: http_req_failed, objective: 99% }}\n    - {{ name: fast, metric: http_req_duration, below: 2s, objective: 99% }}\n");
        await File.WriteAllTextAsync(slo, "performance_targets:\n  response_time:\n    p99: \"< 2s\"\n  availability:\n    error_rate: \"< 5%\"\n    uptime: \"> 99.99%\"\n");

        var (exit, text, error) = await CliRunner.RunAsync("run", plan, "--slo", slo, "--out", output, "--md", markdown, "--junit", junit, "-q");

        Assert.True(exit == 0, error + text);
        Assert.Contains("http_req_failed rate<0.05  actual 0.00% · plan", text, StringComparison.Ordinal);
        Assert.Contains($"http_req_duration p(99)<2s  actual", text, StringComparison.Ordinal);
        Assert.Contains($"slo: {Path.GetFileName(slo)}", text, StringComparison.Ordinal);
        Assert.Contains("performance_targets.response_time.p99: < 2s", text, StringComparison.Ordinal);
        Assert.Contains("✓ availability 99.00% of http_req_failed good", text, StringComparison.Ordinal);
        Assert.Contains("✓ fast 99.00% of http_req_duration below 2.00 s", text, StringComparison.Ordinal);
        Assert.Contains("not judged here", text, StringComparison.Ordinal);
        Assert.Contains("performance_targets.availability.uptime > 99.99%", text, StringComparison.Ordinal);
        Assert.Contains("PASSED all 2 SLO objectives · all 3 thresholds", text, StringComparison.Ordinal);

        var result = CliRunner.ReadResult(output);
        Assert.Equal(["plan", $"slo: {Path.GetFileName(slo)}", $"slo: {Path.GetFileName(slo)}"], result.GetProperty("thresholds").EnumerateArray().Select(t => t.TryGetProperty("origin", out var o) ? o.GetString() : "plan"));
        var notJudged = Assert.Single(result.GetProperty("not_judged").EnumerateArray());
        Assert.Equal("performance_targets.availability.uptime", notJudged.GetProperty("key").GetString());
        var objectives = result.GetProperty("slo").EnumerateArray().ToList();
        Assert.Equal(["availability", "fast"], objectives.Select(o => o.GetProperty("name").GetString()));
        Assert.All(objectives, o => Assert.Equal(o.GetProperty("total").GetInt64(), o.GetProperty("good").GetInt64()));
        Assert.Contains("not judged here: `performance_targets.availability.uptime`", await File.ReadAllTextAsync(markdown), StringComparison.Ordinal);
        Assert.Contains("<skipped message=\"not judged here, because uptime", await File.ReadAllTextAsync(junit), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_WithTheSeedsFileVerbatim_Exits99_OnTargetsThisRunCannotMeet_AndListsTheRest()
    {
        await using var target = await DemoTargetHost.StartAsync(new DemoTargetOptions());
        var output = CliRunner.TempFile("seed.json");
        var seed = Path.Combine(AppContext.BaseDirectory, "Fixtures", "performance-targets.yaml");

        var (exit, text, error) = await CliRunner.RunAsync("run", "--url", target.BaseAddress + "health", "--rate", "20", "--duration", "1s", "--slo", seed, "--out", output, "-q");

        Assert.True(exit == 99, error + text);
        var thresholds = CliRunner.ReadResult(output).GetProperty("thresholds").EnumerateArray().ToList();
        string Verdict(string metric) => thresholds.Single(t => t.GetProperty("metric").GetString() == metric && t.GetProperty("expression").GetString()!.StartsWith(metric == "http_req_duration" ? "p(99)" : string.Empty, StringComparison.Ordinal)) is var t
            ? $"{t.GetProperty("passed").GetBoolean()} {(t.TryGetProperty("note", out var n) ? n.GetString() : string.Empty)}"
            : string.Empty;

        // 20 requests a second are not 1,000, one user in flight is not 10,000, and nothing watched the target's CPU, memory or network.
        Assert.StartsWith("False", Verdict("http_reqs"), StringComparison.Ordinal);
        Assert.StartsWith("False", Verdict("vus"), StringComparison.Ordinal);
        Assert.Equal("False not measured: no watch source gives target_cpu (add --watch-pid or watch:)", Verdict("target_cpu"));
        Assert.Equal("False not measured: no watch source gives target_memory (add --watch-pid or watch:)", Verdict("target_memory"));
        Assert.Equal("False not measured: no watch source gives target_network (add --watch-pid or watch:)", Verdict("target_network"));
        Assert.StartsWith("True", Verdict("http_req_failed"), StringComparison.Ordinal);
        Assert.Equal(3, CliRunner.ReadResult(output).GetProperty("not_judged").GetArrayLength());
        Assert.Contains("the plan's peak users", text, StringComparison.Ordinal);
        Assert.DoesNotContain("network_bandwidth < 500Mbps  because", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_SloFileWithAMistake_Exits2_NamingTheFileLineAndColumn_BeforeAnyLoad()
    {
        var slo = CliRunner.TempFile("bad.yaml");
        await File.WriteAllTextAsync(slo, "performance_targets:\n  resource_utilization:\n    memory_usage: \"< 70ms\"\n");

        var (exit, text, error) = await CliRunner.RunAsync("run", "--url", "http://127.0.0.1:1/", "--rate", "1", "--duration", "1s", "--slo", slo, "-q");

        Assert.True(exit == 2, error + text);
        Assert.Contains($"{slo}:3:19: performance_targets.resource_utilization.memory_usage: '< 70ms': a bound in time", error, StringComparison.Ordinal);
    }
}
