using Pacer.Analysis.Capacity;

namespace Pacer.Analysis.Tests.Capacity;

public sealed class ReplicaPlanTests
{
    [Fact]
    public void Twenty_thousand_per_second_at_seventy_percent_of_2600_needs_eleven_replicas()
    {
        var plan = ReplicaPlan.For(2600, 20_000, 0.7, []);

        Assert.Equal(1820, plan.PerReplica, 6);
        Assert.Equal(11, plan.Replicas);
        Assert.Null(plan.AverageUtilization);
    }

    [Fact]
    public void An_exact_multiple_does_not_round_up_to_one_more()
    {
        Assert.Equal(10, ReplicaPlan.For(1000, 7000, 0.7, []).Replicas);
    }

    [Fact]
    public void The_hpa_target_is_the_cpu_at_the_planned_load_over_the_cpu_at_capacity()
    {
        // CPU grows linearly with load but starts from a 0.1-core floor, so 70% of the load is not quite 70% of the CPU.
        var steps = new[] { 250.0, 500, 750, 1000 }.Select(level => Step(level, 0.1 + 0.0009 * level)).ToList();

        var plan = ReplicaPlan.For(1000, 5000, 0.7, steps);

        Assert.Equal(1.0, plan.CpuAtCapacity!.Value, 6);
        Assert.Equal(73, plan.AverageUtilization);
        var manifest = plan.HpaManifest("checkout");
        Assert.Contains("kind: HorizontalPodAutoscaler", manifest, StringComparison.Ordinal);
        Assert.Contains("name: checkout", manifest, StringComparison.Ordinal);
        Assert.Contains("minReplicas: 8", manifest, StringComparison.Ordinal);
        Assert.Contains("averageUtilization: 73", manifest, StringComparison.Ordinal);
        Assert.Contains("requests.cpu to 1000m", manifest, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_watched_cpu_the_hpa_falls_back_to_the_headroom_and_says_so()
    {
        var manifest = ReplicaPlan.For(1000, 5000, 0.6, []).HpaManifest("api");

        Assert.Contains("averageUtilization: 60   # headroom", manifest, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1.5)]
    public void A_headroom_outside_zero_to_one_is_refused(double headroom)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ReplicaPlan.For(1000, 5000, headroom, []));
    }

    private static CapacityStep Step(double level, double cpu) => new(level, level, 1, 2, 3, 1.5, (long)level * 3, 0, []) { TargetCpu = cpu, TargetCpuLimit = 2 };
}
