using Pacer.Analysis.Statistics;

namespace Pacer.Analysis.Tests.Statistics;

public sealed class MannWhitneyTests
{
    [Fact]
    public void Test_SciPyDocumentationExample_GivesExactPValue()
    {
        // The example of scipy.stats.mannwhitneyu's documentation (ages of males and females): U = 17, exact p = 0.1111.
        // By hand: U counts the 17 (female, male) pairs where the male is older; the exact null distribution of U for 4 and 5
        // values has P(U ≥ 17) = P(U ≤ 3) = (1 + 1 + 2 + 3) / C(9, 4) = 7/126, and twice that is 1/9.
        var result = MannWhitney.Test(baseline: [20, 11, 17, 12], current: [19, 22, 16, 29, 24]);

        Assert.Equal(17, result.U);
        Assert.Equal(1.0 / 9, result.PValue, 1e-14);
    }

    [Fact]
    public void Test_CompletelySeparatedThreeAgainstThree_GivesTwoOverTwenty()
    {
        // Only 1 of the C(6, 3) = 20 equally likely rank assignments puts all of current on top, and 1 all at the bottom.
        var result = MannWhitney.Test(baseline: [1, 2, 3], current: [4, 5, 6]);

        Assert.Equal(9, result.U);
        Assert.Equal(0.1, result.PValue, 1e-14);
    }

    [Fact]
    public void Test_IdenticalSamples_GivesPValueOne()
    {
        var result = MannWhitney.Test([1, 2, 3, 4], [1, 2, 3, 4]);

        Assert.Equal(8, result.U);
        Assert.Equal(1, result.PValue);
    }

    [Fact]
    public void Test_EightAgainstEightWithoutTies_UsesNormalApproximation()
    {
        // Eight values a side is where the normal approximation takes over. SciPy 1.10.1:
        // mannwhitneyu(current, baseline, method='asymptotic') → U = 55, p = 0.018129007864971982 (exact would be 0.01476).
        double[] baseline = [10.1, 11.3, 9.8, 12.4, 10.7, 11.9, 9.5, 10.4];
        double[] current = [11.1, 12.8, 13.3, 10.9, 12.2, 13.9, 11.6, 12.6];

        var result = MannWhitney.Test(baseline, current);

        Assert.Equal(55, result.U);
        Assert.Equal(0.018129007864971982, result.PValue, 1e-12);
    }

    [Fact]
    public void Test_LargerSamplesWithTies_UsesTieCorrectedNormalApproximation()
    {
        // SciPy 1.10.1: mannwhitneyu(current, baseline, method='asymptotic', use_continuity=True) → U = 86.5, p = 0.028674520456177882.
        double[] baseline = [12, 15, 15, 18, 20, 21, 21, 21, 25, 30];
        double[] current = [14, 18, 22, 24, 24, 26, 28, 31, 33, 35, 40];

        var result = MannWhitney.Test(baseline, current);

        Assert.Equal(86.5, result.U);
        Assert.Equal(0.028674520456177882, result.PValue, 1e-12);
    }

    [Fact]
    public void Test_SmallSamplesWithTies_FallsBackToNormalApproximation()
    {
        // The exact table assumes distinct values, so ties take the normal approximation even for 4 a side, as in SciPy and R.
        // SciPy 1.10.1: mannwhitneyu(current, baseline, method='asymptotic') → U = 14, p = 0.10159149986165274.
        var result = MannWhitney.Test(baseline: [3, 5, 5, 7], current: [5, 8, 9, 9]);

        Assert.Equal(14, result.U);
        Assert.Equal(0.10159149986165274, result.PValue, 1e-12);
    }

    [Fact]
    public void Test_SevenAgainstThirty_UsesExactDistribution()
    {
        // One side under 8 keeps the exact distribution. SciPy 1.10.1: mannwhitneyu(current, baseline, method='exact')
        // → U = 179, p = 0.002730520757086222.
        double[] baseline =
        [
            120.409, 74.443, 104.181, 94.322, 95.474, 97.844, 79.8, 97.681, 91.348, 133.23, 102.258, 96.474, 97.187, 93.32, 89.448,
            96.092, 104.819, 97.614, 109.578, 98.002, 100.243, 115.458, 105.451, 94.948, 98.172, 105.405, 119.351, 97.304, 97.564, 110.023,
        ];
        double[] current = [112.5, 108.25, 121.75, 99.5, 117.125, 110.375, 125.0];

        var result = MannWhitney.Test(baseline, current);

        Assert.Equal(179, result.U);
        Assert.Equal(0.002730520757086222, result.PValue, 1e-13);
    }

    [Fact]
    public void Test_AllValuesEqual_GivesPValueOne()
    {
        var result = MannWhitney.Test([5, 5, 5], [5, 5]);

        Assert.Equal(3, result.U);
        Assert.Equal(1, result.PValue);
    }

    [Fact]
    public void Test_EmptySide_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => MannWhitney.Test([], [1.0]));

        Assert.Equal("baseline", error.ParamName);
    }

    [Fact]
    public void NullDistribution_FourAndFive_MatchesEnumeratedCounts()
    {
        // Counts of U = 0..20 over all C(9, 4) = 126 rank assignments, enumerated by brute force (itertools.combinations).
        int[] counts = [1, 1, 2, 3, 5, 6, 8, 9, 11, 11, 12, 11, 11, 9, 8, 6, 5, 3, 2, 1, 1];
        var distribution = new MannWhitneyNullDistribution(4, 5);

        var running = 0;
        for (var u = 0; u < counts.Length; u++)
        {
            running += counts[u];
            Assert.Equal(running / 126.0, distribution.AtMost(u), 1e-14);
        }
    }
}
