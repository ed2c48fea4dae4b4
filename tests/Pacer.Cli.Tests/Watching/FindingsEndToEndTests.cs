using Pacer.Analysis.Findings;
using Pacer.Core.Engine;
using Pacer.Core.Monitoring;
using Pacer.Core.Plans;
using Pacer.Core.Results;
using Xunit.Abstractions;

namespace Pacer.Cli.Tests.Watching;

/// <summary>
/// Issue 17's "done means" for findings: the demo target, started as a process of its own and watched by pid through the real
/// /proc watcher, gives the CPU-bound finding when held to one core and loaded past it, the leak finding with its leak switch
/// on, and nothing about the service when it is healthy. Latency- and CPU-sensitive, so they run alone, after the others.
/// </summary>
[Collection(nameof(TimingSensitive))]
public sealed class FindingsEndToEndTests(ITestOutputHelper output)
{
    [Fact]
    public async Task CpuHeavyTargetOnOneCore_LoadedPastIt_IsCpuBound()
    {
        // 5 ms of CPU a request at 400/s asks for two cores of a target held to one.
        await using var target = await DemoTargetProcess.StartOnOneCoreAsync();

        var run = await RunAsync(target, "/cpu?ms=5", rate: 400, seconds: 12);

        var findings = RunFindings.Analyze(run);
        var cpu = Assert.Single(findings.Findings, f => f.Kind == FindingKind.CpuBound);
        Assert.Equal(1, cpu.Evidence.Single(e => e.Name == "limit").Value);
        Assert.InRange(cpu.Evidence.Single(e => e.Name == "cpu").Value, 0.9, 1.05);
    }

    [Fact]
    public async Task LeakingTarget_IsALeakSuspect_GrowingAsFastAsItLeaks()
    {
        await using var target = await DemoTargetProcess.StartAsync("--leak-per-request", "64kB");

        var run = await RunAsync(target, "/health", rate: 100, seconds: 25);

        var leak = Assert.Single(RunFindings.Analyze(run).Findings, f => f.Kind == FindingKind.MemoryGrowth);
        var leakedPerMinute = run.Series.Sum(i => i.Requests) * 64_000.0 / run.Series[^1].T * 60;
        Assert.InRange(leak.Evidence.Single(e => e.Name == "growth").Value, 0.5 * leakedPerMinute, 2 * leakedPerMinute);
    }

    [Fact]
    public async Task HealthyTarget_GivesNoFindingAboutTheService()
    {
        await using var target = await DemoTargetProcess.StartAsync();

        var run = await RunAsync(target, "/health", rate: 50, seconds: 25);

        // A generator starved by a busy machine is a finding about Pacer, not the service: the only one allowed here.
        var findings = RunFindings.Analyze(run);
        Assert.True(findings.TargetWatched);
        Assert.DoesNotContain(findings.Findings, f => f.Kind != FindingKind.GeneratorLimited);
    }

    private async Task<RunResult> RunAsync(DemoTargetProcess target, string path, double rate, int seconds)
    {
        var plan = CliRunner.TempFile("findings.yaml");
        await File.WriteAllTextAsync(plan, $$"""
            name: findings end to end
            target: {{target.BaseAddress}}
            requests:
              - { name: load, path: "{{path}}", timeout: 5s }
            load: { model: open, rate: {{rate}}, duration: {{seconds}}s, max_connections: 200 }
            """);
        var watcher = new ProcessWatcher(target.Pid);
        var run = await PacerEngine.RunAsync(PlanParser.Load(plan), new EngineOptions { Watchers = [watcher] }, CancellationToken.None);
        var result = run.Result;
        var cpu = result.Target?.Metrics.FirstOrDefault(m => m.Name == "target_cpu");
        var memory = result.Target?.Metrics.FirstOrDefault(m => m.Name == "target_memory");
        output.WriteLine($"{result.Series.Sum(i => i.Requests)} requests, generator saturated {result.Generator?.Saturated}, target errors [{string.Join("; ", result.Target?.Sources.SelectMany(s => s.Errors) ?? [])}]");
        output.WriteLine($"cpu {string.Join(' ', cpu?.Series.Select(p => p.V.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)) ?? [])} (limit {cpu?.Limit})");
        output.WriteLine($"memory MB {string.Join(' ', memory?.Series.Select(p => (p.V / 1e6).ToString("0", System.Globalization.CultureInfo.InvariantCulture)) ?? [])}");
        output.WriteLine($"p99 ms {string.Join(' ', result.Series.Select(i => i.P99.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)))}");
        foreach (var f in RunFindings.Analyze(result).Findings)
        {
            output.WriteLine($"finding {f.Kind}: {f.Text(e => e.Value.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture))}");
        }

        return result;
    }
}
