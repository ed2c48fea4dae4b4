using Pacer.Analysis.Statistics;

namespace Pacer.Analysis.Tests.Statistics;

public sealed class HodgesLehmannTests
{
    // Expected values follow the definition step by step (Hollander & Wolfe §4.3, the rule of R's wilcox.test conf.int): sort
    // all pairwise differences, take their median, and take k from the exact U distribution (enumerated by brute force) as the
    // smallest q with P(U ≤ q) ≥ (1 − confidence)/2, or for the normal approximation k = ⌊n₁n₂/2 − z·σ + ½⌋; worked in Python.

    [Fact]
    public void Shift_SmallSamples_UsesExactCriticalRank()
    {
        // 4 and 5 values: P(U ≤ 1) = 2/126 < 0.025 ≤ P(U ≤ 2) = 4/126, so k = 2 of the 20 sorted differences,
        // −4, −1, −1, 2, 2, 4, 4, 5, 5, 7, 7, 8, 9, 10, 11, 12, 12, 13, 17, 18: the 2nd is −1 and the 19th is 17; median 7.
        var result = HodgesLehmann.Shift(baseline: [20, 11, 17, 12], current: [19, 22, 16, 29, 24]);

        Assert.Equal(new HodgesLehmannEstimate(7, -1, 17), result);
    }

    [Fact]
    public void Shift_EightAgainstEight_UsesNormalCriticalRank()
    {
        // n₁n₂ = 64, σ = √(64·17/12) = 9.522; at 95% k = ⌊32 − 1.95996·9.522 + ½⌋ = 13; at 90% k = ⌊32 − 1.64485·9.522 + ½⌋ = 16.
        double[] baseline = [10.1, 11.3, 9.8, 12.4, 10.7, 11.9, 9.5, 10.4];
        double[] current = [11.1, 12.8, 13.3, 10.9, 12.2, 13.9, 11.6, 12.6];

        var at95 = HodgesLehmann.Shift(baseline, current);
        var at90 = HodgesLehmann.Shift(baseline, current, confidence: 0.90);

        Assert.Equal(1.5, at95.Estimate, 1e-12);
        Assert.Equal(0.3, at95.Lower, 1e-12);
        Assert.Equal(2.8, at95.Upper, 1e-12);
        Assert.Equal(0.5, at90.Lower, 1e-12);
        Assert.Equal(2.6, at90.Upper, 1e-12);
    }

    [Fact]
    public void Shift_TiedValues_UsesTieCorrectedNormalCriticalRank()
    {
        // Ties shrink σ slightly; k = 27 of the 110 sorted differences gives 1 and 13, the median is 7.
        double[] baseline = [12, 15, 15, 18, 20, 21, 21, 21, 25, 30];
        double[] current = [14, 18, 22, 24, 24, 26, 28, 31, 33, 35, 40];

        var result = HodgesLehmann.Shift(baseline, current);

        Assert.Equal(new HodgesLehmannEstimate(7, 1, 13), result);
    }

    [Fact]
    public void Shift_TooFewValuesForTheConfidence_SpansAllDifferences()
    {
        // For 3 and 3 values P(U ≤ 0) = 1/20 already exceeds 0.025: no k works, so the interval is the full range of differences.
        var result = HodgesLehmann.Shift(baseline: [1, 2, 3], current: [4, 5, 6]);

        Assert.Equal(new HodgesLehmannEstimate(3, 1, 5), result);
    }

    [Fact]
    public void Ratio_ThroughputRuns_IsMedianOfPairwiseRatios()
    {
        // 5 a side, exact: k = 3 of the 25 sorted pairwise log ratios. Exponentiated: the median ratio 1102/1020, and the
        // 3rd smallest and 3rd largest ratios 1077/1020 and 1102/996.
        double[] baseline = [1020, 985, 1003, 1012, 996];
        double[] current = [1080, 1102, 1065, 1091, 1077];

        var result = HodgesLehmann.Ratio(baseline, current);

        Assert.Equal(1102.0 / 1020, result.Estimate, 1e-12);
        Assert.Equal(1077.0 / 1020, result.Lower, 1e-12);
        Assert.Equal(1102.0 / 996, result.Upper, 1e-12);
    }

    [Fact]
    public void Ratio_NonPositiveValue_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => HodgesLehmann.Ratio([1, -2], [3, 4]));

        Assert.Equal("baseline", error.ParamName);
    }
}
