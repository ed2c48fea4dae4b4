using Pacer.Analysis.Findings;
using Pacer.Core.Results;

namespace Pacer.Analysis.Tests.Findings;

public sealed class ThrottledAndGcRuleTests
{
    private static RunResult With(string kind, string name, Func<double, double> value)
    {
        var run = ConstructedRun.Healthy(20);
        return run.Watched(kind, ConstructedRun.Metric(run, name, kind, "ratio", value));
    }

    [Fact]
    public void Throttled_ThirtyOnePercentOfPeriods_SaysMeanAndPeak()
    {
        // 0.25 for ten seconds, 0.37 for ten but a 0.58 peak in second 12: mean 0.3205.
        var finding = new ThrottledRule().Evaluate(With("cgroup", "target_throttled", t => t == 12 ? 0.58 : t <= 10 ? 0.25 : 0.37));

        Assert.NotNull(finding);
        Assert.Equal("throttled by its cgroup CPU limit in 0.32 of the scheduler periods (peak 0.58 at second 12): raise the quota (cpu.max) or use less CPU", Plain.Text(finding));
    }

    [Fact]
    public void Throttled_NinePercent_IsNoFinding() =>
        Assert.Null(new ThrottledRule().Evaluate(With("cgroup", "target_throttled", _ => 0.09)));

    [Fact]
    public void GcTime_TwentyTwoPercent_IsAFinding()
    {
        var finding = new GcTimeRule().Evaluate(With("dotnet", "dotnet_gc_time", t => t == 5 ? 0.4 : 0.22));

        Assert.NotNull(finding);
        Assert.StartsWith("GC took 0.23 of the time (peak 0.4 at second 5)", Plain.Text(finding), StringComparison.Ordinal);
    }

    [Fact]
    public void GcTime_EightPercent_IsNoFinding() =>
        Assert.Null(new GcTimeRule().Evaluate(With("dotnet", "dotnet_gc_time", _ => 0.08)));
}
