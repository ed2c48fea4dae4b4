using Pacer.Analysis.Findings;
using Pacer.Core.Results;

namespace Pacer.Analysis.Tests.Findings;

public sealed class CpuBoundRuleTests
{
    private static RunResult Run(Func<double, double> cpu, double limit = 2)
    {
        var run = ConstructedRun.Healthy(30).WithP99(t => t <= 13 ? 3 : 41);
        return run.Watched("pid", ConstructedRun.Metric(run, "target_cpu", "pid", "cores", cpu, limit));
    }

    [Fact]
    public void Evaluate_CpuAtItsLimitFromSecond14_SaysHowMuchFromWhenAndWhatP99Did()
    {
        var finding = new CpuBoundRule().Evaluate(Run(t => t < 14 ? 0.6 : 1.96));

        Assert.NotNull(finding);
        Assert.Equal("the target used 1.96 of 2 cores from second 14, when p99 rose from 3 to 41: more load needs more CPU or cheaper requests", Plain.Text(finding));
        Assert.Equal((14.0, 30.0), (finding.Evidence("cpu").From!.Value, finding.Evidence("cpu").To!.Value));
        Assert.Equal((1.0, 13.0), (finding.Evidence("p99_before").From!.Value, finding.Evidence("p99_before").To!.Value));
    }

    [Fact]
    public void Evaluate_CpuJustUnderNinetyPercent_IsNoFinding() =>
        Assert.Null(new CpuBoundRule().Evaluate(Run(t => t < 14 ? 0.6 : 1.79)));

    [Fact]
    public void Evaluate_ABusyBurstShorterThanAFifthOfTheRun_IsNoFinding() =>
        // Five busy seconds of thirty: at the limit, but not what limited the run.
        Assert.Null(new CpuBoundRule().Evaluate(Run(t => t is >= 14 and < 19 ? 2 : 0.6)));

    [Fact]
    public void Evaluate_ALongDrainAfterTheLoad_DoesNotDiluteTheStretch()
    {
        // Twelve seconds of load, then the drain to second 30: five busy seconds are 38% of the load (13 points to second 13),
        // but a sixth of all thirty.
        var run = Run(t => t is >= 8 and < 13 ? 0.97 : 0.4, limit: 1) with { LoadSeconds = 12 };

        Assert.NotNull(new CpuBoundRule().Evaluate(run));
        Assert.Null(new CpuBoundRule().Evaluate(run with { LoadSeconds = null }));
    }

    [Fact]
    public void Evaluate_BusyFromTheFirstSecond_GivesP99WithoutABefore()
    {
        var finding = new CpuBoundRule().Evaluate(Run(_ => 1.9));

        Assert.NotNull(finding);
        Assert.Equal("the target used 1.9 of 2 cores from second 1, with p99 at 41: more load needs more CPU or cheaper requests", Plain.Text(finding));
    }

    [Fact]
    public void Evaluate_NoLimitKnown_IsNoFinding()
    {
        var run = ConstructedRun.Healthy(30);
        Assert.Null(new CpuBoundRule().Evaluate(run.Watched("pid", ConstructedRun.Metric(run, "target_cpu", "pid", "cores", _ => 4))));
    }

    [Fact]
    public void LongestBusyStretch_PicksTheLongestRun()
    {
        var points = new[] { 1.0, 0, 1, 1, 1, 0, 1, 1 }.Select((v, i) => new TargetPointResult(i + 1, v)).ToList();

        Assert.Equal((2, 3), CpuBoundRule.LongestBusyStretch(points, 0.9));
    }
}
