using Pacer.Analysis.Statistics;

namespace Pacer.Analysis.Tests.Statistics;

public sealed class SampleSizeTests
{
    [Fact]
    public void RunsToSettle_IntervalStraddlesThreshold_GivesRunsThatClearIt()
    {
        // +3% ± 5% with 5 runs against a 5% threshold: n′ > 5·(0.05 / 0.02)² = 31.25, so 32.
        // Check: 0.05·√(5/32) = 0.01976 < 0.02, while 0.05·√(5/31) = 0.02008 is not.
        Assert.Equal(32, SampleSize.RunsToSettle(effect: 0.03, halfWidth: 0.05, runs: 5, threshold: 0.05));
    }

    [Fact]
    public void RunsToSettle_EffectBelowNegativeThreshold_UsesDistanceEitherWay()
    {
        // −2% ± 7% with 4 runs against −5%: n′ > 4·(0.07 / 0.03)² = 21.8, so 22.
        Assert.Equal(22, SampleSize.RunsToSettle(effect: -0.02, halfWidth: 0.07, runs: 4, threshold: -0.05));
    }

    [Fact]
    public void RunsToSettle_AlreadyClear_GivesAtLeastTwo()
    {
        // +10% ± 2% is already clear of 5%: the formula asks for n′ > 1.6 runs, and a t-interval needs 2.
        Assert.Equal(2, SampleSize.RunsToSettle(effect: 0.10, halfWidth: 0.02, runs: 10, threshold: 0.05));
    }

    [Fact]
    public void RunsToSettle_EffectAtThreshold_GivesNull() =>
        Assert.Null(SampleSize.RunsToSettle(effect: 0.05, halfWidth: 0.03, runs: 5, threshold: 0.05));

    [Fact]
    public void RunsToSettle_EffectAHairFromThreshold_GivesNullRatherThanOverflow() =>
        Assert.Null(SampleSize.RunsToSettle(effect: 0.05 + 1e-9, halfWidth: 0.03, runs: 5, threshold: 0.05));

    [Fact]
    public void RunsToSettle_NegativeHalfWidth_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => SampleSize.RunsToSettle(0.03, -0.01, 5, 0.05));

    [Fact]
    public void RunsToSettle_ZeroRuns_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => SampleSize.RunsToSettle(0.03, 0.01, 0, 0.05));
}
