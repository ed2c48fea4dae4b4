using Pacer.Analysis.Findings;
using Pacer.Core.Results;

namespace Pacer.Analysis.Tests.Findings;

public sealed class RunFindingsTests
{
    [Fact]
    public void Analyze_HealthyWatchedRun_FindsNothing()
    {
        var run = ConstructedRun.Healthy(60);
        run = run.Watched(
            "pid",
            ConstructedRun.Metric(run, "target_cpu", "pid", "cores", t => 0.4 + (0.05 * Math.Sin(t)), limit: 2),
            // A warm-up: memory grows for ten seconds, then holds with a GC sawtooth.
            ConstructedRun.Metric(run, "target_memory", "pid", "bytes", t => (80e6 + (Math.Min(t, 10) * 4e6)) + (t % 3 * 1e6), limit: 16e9));
        run = run.Watched("dotnet", ConstructedRun.Metric(run, "dotnet_gc_time", "dotnet", "ratio", _ => 0.02));

        var report = RunFindings.Analyze(run);

        Assert.Empty(report.Findings);
        Assert.True(report.TargetWatched);
    }

    [Fact]
    public void Analyze_NothingWatched_RunsOnlyTheRulesWithoutTargetData_AndSaysSo()
    {
        // Latency that rose and a saturated generator would each make a finding; no target data is needed for them.
        var run = ConstructedRun.Healthy(30).WithP99(t => t < 20 ? 3 : 40) with
        {
            Generator = new GeneratorInfo(1, 12, 30, 0.5, 0.99, 0.4, 2, true) { SaturatedBy = ["cpu"] },
        };

        var report = RunFindings.Analyze(run);

        Assert.False(report.TargetWatched);
        Assert.Equal([FindingKind.GeneratorLimited], report.Findings.Select(f => f.Kind));
        Assert.False(RunFindings.Analyze(run with { Generator = run.Generator! with { Saturated = false } }).TargetWatched);
    }

    [Fact]
    public void Analyze_SeveralFindings_AreRankedGeneratorFirstThenCpuThenItsSymptoms()
    {
        var run = ConstructedRun.Healthy(40).WithP99(t => t < 15 ? 3 : 41) with
        {
            Series = [.. ConstructedRun.Healthy(40).WithP99(t => t < 15 ? 3 : 41).Series.Select(i => i with { Errors = i.T < 15 ? 0 : 20 })],
            Generator = new GeneratorInfo(1, 12, 30, 0.5, 0.99, 0.4, 2, true) { SaturatedBy = ["late_requests"] },
        };
        run = run.Watched(
            "pid",
            ConstructedRun.Metric(run, "target_cpu", "pid", "cores", t => t < 15 ? 0.8 : 1.96, limit: 2),
            ConstructedRun.Metric(run, "target_memory", "pid", "bytes", t => 100e6 + (t * 1e6)));

        var kinds = RunFindings.Analyze(run).Findings.Select(f => f.Kind).ToList();

        Assert.Equal([FindingKind.GeneratorLimited, FindingKind.CpuBound, FindingKind.ErrorsRose, FindingKind.MemoryGrowth], kinds);
    }

    [Fact]
    public void Text_ReplacesEachPlaceholderWithItsEvidence_AndLeavesUnknownNamesAlone()
    {
        var finding = new Finding(FindingKind.GcTime, 1, "t", "{a} then {b} then {c}", [new FindingEvidence("a", 1, FindingUnit.Count), new FindingEvidence("b", 2, FindingUnit.Ratio)]);

        Assert.Equal("1:Count then 2:Ratio then {c}", finding.Text(e => $"{e.Value}:{e.Unit}"));
    }

    [Fact]
    public void Analyze_AnOldResultWithoutSeriesOrGenerator_FindsNothingAndDoesNotThrow()
    {
        var run = ConstructedRun.Healthy(3) with { Series = [], Generator = null, Metrics = new Dictionary<string, MetricResult>() };

        Assert.Empty(RunFindings.Analyze(run).Findings);
    }
}
