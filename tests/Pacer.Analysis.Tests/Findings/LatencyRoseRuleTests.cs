using Pacer.Analysis.Findings;
using Pacer.Core.Results;

namespace Pacer.Analysis.Tests.Findings;

public sealed class LatencyRoseRuleTests
{
    private static RunResult Rising(double queueP99 = 0.2, double serviceP99 = 38)
    {
        var run = ConstructedRun.Healthy(30).WithP99(t => t <= 10 ? 3 : 40);
        var metrics = new Dictionary<string, MetricResult>(run.Metrics)
        {
            ["http_req_queue_time"] = run.Metrics["http_req_queue_time"] with { P99 = queueP99 },
            ["http_req_service_time"] = run.Metrics["http_req_service_time"] with { P99 = serviceP99 },
        };
        return run with { Metrics = metrics };
    }

    private static RunResult WithCpu(RunResult run, double cores) =>
        run.Watched("pid", ConstructedRun.Metric(run, "target_cpu", "pid", "cores", _ => cores, limit: 2));

    [Fact]
    public void Evaluate_P99RoseWithCpuAtThirtyPercent_PointsInsideTheServiceWhenServiceTimeDominates()
    {
        var finding = new LatencyRoseRule().Evaluate(WithCpu(Rising(), 0.6));

        Assert.NotNull(finding);
        Assert.Equal(
            "p99 rose from 3 to 40 while the target's CPU stayed at 0.3 of its limit: look for a lock, a pool limit or a downstream call;"
            + " the service itself took the time (service time p99 38 against queue time p99 0.2): a lock or a call it waits on, inside the service",
            Plain.Text(finding));
        Assert.Equal((21.0, 30.0), (finding.Evidence("p99_late").From!.Value, finding.Evidence("p99_late").To!.Value));
    }

    [Fact]
    public void Evaluate_QueueTimeDominates_PointsAtAPoolLimit()
    {
        var finding = new LatencyRoseRule().Evaluate(WithCpu(Rising(queueP99: 35, serviceP99: 4), 0.6));

        Assert.NotNull(finding);
        Assert.Contains("requests waited to be sent (queue time p99 35 against service time p99 4): a pool limit", Plain.Text(finding), StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_CpuAboveHalfItsLimit_IsNotThisFinding() =>
        Assert.Null(new LatencyRoseRule().Evaluate(WithCpu(Rising(), 1.2)));

    [Fact]
    public void Evaluate_NotWatched_SaysTheRiseWithoutClaimingTheCpu()
    {
        var finding = new LatencyRoseRule().Evaluate(Rising());

        Assert.NotNull(finding);
        Assert.DoesNotContain("CPU", Plain.Text(finding), StringComparison.Ordinal);
        Assert.StartsWith("p99 rose from 3 to 40: look for", Plain.Text(finding), StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_P99UnderTwiceTheStart_IsNoFinding() =>
        Assert.Null(new LatencyRoseRule().Evaluate(ConstructedRun.Healthy(30).WithP99(t => t <= 10 ? 10 : 19.9)));

    [Fact]
    public void Evaluate_AMicrosecondP99ThatDoubles_IsNoFinding() =>
        Assert.Null(new LatencyRoseRule().Evaluate(ConstructedRun.Healthy(30).WithP99(t => t <= 10 ? 0.3 : 4)));

    [Fact]
    public void Evaluate_SaturatedGenerator_LeavesTheLatencyToTheGeneratorFinding() =>
        Assert.Null(new LatencyRoseRule().Evaluate(Rising() with { Generator = new GeneratorInfo(1, 12, 30, 0.5, 0.99, 0.4, 2, true) }));
}
