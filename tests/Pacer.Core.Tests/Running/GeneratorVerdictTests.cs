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
    public void From_LagP99AboveFiveMillisecondsOnTenLateRequests_IsSaturatedByLateRequests()
    {
        var verdict = GeneratorVerdict.From(Lag([.. Enumerable.Repeat(100L, 90), .. Enumerable.Repeat(12_000L, 10)]), [0.3], cores: 2);

        Assert.True(verdict.Saturated);
        Assert.Equal(["late_requests"], verdict.SaturatedBy);
        Assert.Equal(10, verdict.LagLate);
        Assert.Equal(100, verdict.LagSamples);
        Assert.StartsWith("generator saturated: 10 of 100 requests went out more than 5 ms late (scheduling lag p99 12", verdict.Warning(), StringComparison.Ordinal);
    }

    [Fact]
    public void From_OneLateRequestOfSixty_IsNotSaturatedOnLagAlone()
    {
        // rate 20 for 3 s: 60 requests, the first 12 ms late. p99 of 60 samples is the maximum: one request, no evidence.
        var verdict = GeneratorVerdict.From(
            Lag([12_000L, .. Enumerable.Repeat(80L, 59)]),
            [0.02, 0.03, 0.02],
            cores: 2,
            lagPerTick: [new LagTick(20, 1), new LagTick(20, 0), new LagTick(20, 0)]);

        Assert.True(verdict.LagP99Ms > GeneratorVerdict.LagLimitMs, $"p99 {verdict.LagP99Ms} ms");
        Assert.False(verdict.Saturated);
        Assert.Empty(verdict.SaturatedBy);
        Assert.Null(verdict.Warning());
        Assert.Equal(1, verdict.LagLate);
    }

    [Fact]
    public void From_NineLateRequestsScatteredOverSeconds_IsNotSaturated()
    {
        // Nine hiccups, one a second or so, among 100 requests: each second's median is on time.
        var verdict = GeneratorVerdict.From(
            Lag([.. Enumerable.Repeat(20_000L, 9), .. Enumerable.Repeat(80L, 91)]),
            [0.1],
            cores: 2,
            lagPerTick: [.. Enumerable.Range(0, 9).Select(_ => new LagTick(10, 1)), new LagTick(10, 0)]);

        Assert.False(verdict.Saturated);
        Assert.Equal(0, verdict.LagLateSeconds);
    }

    [Fact]
    public void From_MostRequestsLateInSeveralSeconds_IsSaturatedBySustainedLag()
    {
        // 2 requests a second for 6 s, both late in 4 of the seconds: only 8 late requests, but the lateness lasted.
        var verdict = GeneratorVerdict.From(
            Lag([.. Enumerable.Repeat(9_000L, 8), .. Enumerable.Repeat(80L, 4)]),
            [0.2],
            cores: 2,
            lagPerTick: [new LagTick(2, 2), new LagTick(2, 2), new LagTick(2, 0), new LagTick(2, 2), new LagTick(2, 2), new LagTick(2, 0)]);

        Assert.True(verdict.Saturated);
        Assert.Equal(["sustained_lag"], verdict.SaturatedBy);
        Assert.Equal(4, verdict.LagLateSeconds);
        Assert.Equal(6, verdict.LagSeconds);
        Assert.Contains("most requests went out more than 5 ms late in 4 of 6 seconds", verdict.Warning(), StringComparison.Ordinal);
        Assert.DoesNotContain("requests went out more than 5 ms late (", verdict.Warning(), StringComparison.Ordinal);
    }

    [Fact]
    public void From_TwoLateSecondsOfTwo_IsNotSustained()
    {
        var verdict = GeneratorVerdict.From(Lag(9_000, 9_000, 9_000, 9_000), [0.2], cores: 2, lagPerTick: [new LagTick(2, 2), new LagTick(2, 2)]);

        Assert.False(verdict.Saturated);
        Assert.Equal(2, verdict.LagLateSeconds);
    }

    [Fact]
    public void From_ThreeLateSecondsOfSixty_IsNotSustained()
    {
        // Three bad seconds in a minute are 5% of the run: hiccups, not a generator that cannot keep up.
        var verdict = GeneratorVerdict.From(
            Lag(9_000, 9_000, 9_000, 80),
            [0.2],
            cores: 2,
            lagPerTick: [.. Enumerable.Repeat(new LagTick(1, 1), 3), .. Enumerable.Repeat(new LagTick(1, 0), 57)]);

        Assert.False(verdict.Saturated);
        Assert.Equal(3, verdict.LagLateSeconds);
    }

    [Fact]
    public void From_BusyMoreThanTenPercentOfTheRun_IsSaturated()
    {
        var verdict = GeneratorVerdict.From(Lag(100), [0.95, 0.97, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5], cores: 4);

        Assert.True(verdict.Saturated);
        Assert.Equal(["cpu"], verdict.SaturatedBy);
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
