using Pacer.Analysis.Findings;
using Pacer.Core.Results;

namespace Pacer.Analysis.Tests.Findings;

public sealed class MemoryGrowthRuleTests
{
    private static RunResult Run(Func<double, double> memory, int seconds = 60)
    {
        var run = ConstructedRun.Healthy(seconds);
        return run.Watched("pid", ConstructedRun.Metric(run, "target_memory", "pid", "bytes", memory, limit: 16e9));
    }

    [Fact]
    public void Evaluate_SteadyGrowthWithAGcSawtooth_IsALeakSuspectAtTheTrueRate()
    {
        // 38 MB a minute under a 6 MB sawtooth (a collection every four seconds): Theil–Sen reads through the teeth.
        var finding = new MemoryGrowthRule().Evaluate(Run(t => 100e6 + (t * 38e6 / 60) + (t % 4 * 2e6)));

        Assert.NotNull(finding);
        Assert.InRange(finding.Evidence("growth").Value, 37e6, 39e6);
        Assert.InRange(finding.Evidence("tail").Value, 37e6, 39e6);
        Assert.Equal((1.0, 60.0), (finding.Evidence("growth").From!.Value, finding.Evidence("growth").To!.Value));
        Assert.Equal(41.0, finding.Evidence("tail").From);
        Assert.StartsWith("memory grew ", Plain.Text(finding), StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_AWarmUpThatLevelsOff_IsNoLeak() =>
        // The same growth for the first half, then flat: the last third no longer grows.
        Assert.Null(new MemoryGrowthRule().Evaluate(Run(t => 100e6 + (Math.Min(t, 30) * 38e6 / 60) + (t % 4 * 2e6))));

    [Fact]
    public void Evaluate_GrowthBelowOneMegabyteAMinute_IsNoFinding() =>
        Assert.Null(new MemoryGrowthRule().Evaluate(Run(t => 10e6 + (t * 0.9e6 / 60))));

    [Fact]
    public void Evaluate_ABigProcessDriftingByUnderFivePercent_IsNoFinding() =>
        // 2 MB a minute on 4 GB: 2 MB over the run, 0.05% of it.
        Assert.Null(new MemoryGrowthRule().Evaluate(Run(t => 4e9 + (t * 2e6 / 60))));

    [Fact]
    public void Evaluate_AShortRunsFewMegabytesOfBacklog_IsNoFinding() =>
        // 75 to 90 MB over the run: 15 MB, under the 16 MB a finding needs, though it grows to the end.
        Assert.Null(new MemoryGrowthRule().Evaluate(Run(t => 75e6 + (t * 15e6 / 60))));

    [Fact]
    public void Evaluate_SixteenMegabytesAndMore_IsAFinding() =>
        Assert.NotNull(new MemoryGrowthRule().Evaluate(Run(t => 75e6 + (t * 17e6 / 60))));

    [Fact]
    public void Evaluate_FewerThanTwentySeconds_IsNoFinding() =>
        Assert.Null(new MemoryGrowthRule().Evaluate(Run(t => 100e6 + (t * 38e6), seconds: 19)));
}
