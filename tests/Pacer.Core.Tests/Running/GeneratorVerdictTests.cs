using Pacer.Core.Recording;
using Pacer.Core.Running;

namespace Pacer.Core.Tests.Running;

public sealed class GeneratorVerdictTests
{
    [Fact]
    public void From_LowLagAndIdleCpu_IsHealthy()
    {
        var verdict = GeneratorVerdict.From(Lag(100, 200, 300, 4_000), [0.2, 0.3, 0.95, 0.4, 0.3, 0.2, 0.1, 0.2, 0.3, 0.3, 0.2], cores: 2);

        Assert.False(verdict.Saturated);
        Assert.Null(verdict.Warning());
        Assert.Equal(1.0 / 11, verdict.BusyFraction, 9);
    }

    [Fact]
    public void From_LagP99AboveFiveMilliseconds_IsSaturated()
    {
        var verdict = GeneratorVerdict.From(Lag([.. Enumerable.Repeat(100L, 90), .. Enumerable.Repeat(12_000L, 10)]), [0.3], cores: 2);

        Assert.True(verdict.Saturated);
        Assert.StartsWith("generator saturated: scheduling lag p99 12", verdict.Warning(), StringComparison.Ordinal);
    }

    [Fact]
    public void From_BusyMoreThanTenPercentOfTheRun_IsSaturated()
    {
        var verdict = GeneratorVerdict.From(Lag(100), [0.95, 0.97, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5], cores: 4);

        Assert.True(verdict.Saturated);
        Assert.Contains("CPU above 90% of 4 cores for 20% of the run", verdict.Warning(), StringComparison.Ordinal);
        Assert.DoesNotContain("scheduling lag", verdict.Warning(), StringComparison.Ordinal);
    }

    [Fact]
    public void From_EventLoopPeggedWhileTheProcessLooksHalfIdle_IsSaturated()
    {
        // One loop thread flat out on two cores: process CPU about 50%, lag near zero, yet responses wait for the loop.
        var verdict = GeneratorVerdict.From(Lag(100), [0.5, 0.52, 0.5, 0.49, 0.5], cores: 2, loopBusyPerTick: [0.99, 0.98, 0.99, 0.97, 0.99]);

        Assert.True(verdict.Saturated);
        Assert.Equal(1.0, verdict.LoopBusyFraction);
        Assert.Contains("an event loop busy above 90% of the time for 100% of the run", verdict.Warning(), StringComparison.Ordinal);
        Assert.DoesNotContain("CPU above", verdict.Warning(), StringComparison.Ordinal);
    }

    [Fact]
    public void From_EventLoopBusyInOneSecondOfTwenty_IsHealthy()
    {
        var verdict = GeneratorVerdict.From(Lag(100), [0.3], cores: 2, loopBusyPerTick: [0.95, .. Enumerable.Repeat(0.4, 19)]);

        Assert.False(verdict.Saturated);
        Assert.Equal(0.05, verdict.LoopBusyFraction, 9);
    }

    private static LatencyHistogram Lag(params long[] micros)
    {
        var h = new LatencyHistogram();
        foreach (var m in micros)
        {
            h.Record(m);
        }

        return h;
    }
}
