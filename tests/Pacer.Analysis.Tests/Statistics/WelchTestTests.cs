using Pacer.Analysis.Statistics;

namespace Pacer.Analysis.Tests.Statistics;

public sealed class WelchTestTests
{
    // Wikipedia, "Welch's t-test", example 1: published t ≈ −2.46, ν ≈ 25.0, p ≈ 0.021. The full-precision figures are
    // scipy.stats.ttest_ind(a1, a2, equal_var=False) (SciPy 1.10.1), the interval d ± t.ppf(0.975, ν)·se.
    private static readonly double[] WikipediaA1 = [27.5, 21.0, 19.0, 23.6, 17.0, 17.9, 16.9, 20.1, 21.9, 22.6, 23.1, 19.6, 19.0, 21.7, 21.4];
    private static readonly double[] WikipediaA2 = [27.1, 22.0, 20.8, 23.4, 23.4, 23.5, 25.8, 22.0, 24.8, 20.2, 21.9, 22.1, 22.9, 20.5, 24.4];

    // Five throughput runs a side, current about 8% higher. Expected values: SciPy 1.10.1 on the logs,
    // ttest_ind(log(current), log(baseline), equal_var=False), exp of d ± t.ppf(0.5 + confidence/2, ν)·se.
    private static readonly double[] Baseline = [1020, 985, 1003, 1012, 996];
    private static readonly double[] Current = [1080, 1102, 1065, 1091, 1077];

    [Fact]
    public void CompareMeans_WikipediaExample_MatchesPublishedAndSciPyValues()
    {
        var result = WelchTest.CompareMeans(WikipediaA1, WikipediaA2, 0.95);

        Assert.Equal(-2.166666666666668, result.Difference, 1e-12);
        Assert.Equal(-2.455356398286006, result.T, 1e-10);
        Assert.Equal(24.988529290231416, result.DegreesOfFreedom, 1e-9);
        Assert.Equal(0.021378001462866985, result.PValue, 1e-10);
        Assert.Equal(-3.9840962671409264, result.Lower, 1e-9);
        Assert.Equal(-0.34923706619240935, result.Upper, 1e-9);
    }

    [Fact]
    public void Compare_ThroughputRuns_MatchesSciPyOnLogs()
    {
        var result = WelchTest.Compare(Baseline, Current);

        Assert.Equal(1.0795521957898395, result.Ratio, 1e-12);
        Assert.Equal(1.0588053741309211, result.Lower, 1e-10);
        Assert.Equal(1.1007055422166363, result.Upper, 1e-10);
        Assert.Equal(1.7312213301277783e-05, result.PValue, 1e-12);
        Assert.Equal(7.984122408217269, result.DegreesOfFreedom, 1e-9);
    }

    [Fact]
    public void Compare_NinetyPercentConfidence_GivesNarrowerSciPyInterval()
    {
        var result = WelchTest.Compare(Baseline, Current, confidence: 0.90);

        Assert.Equal(1.0627921869637829, result.Lower, 1e-10);
        Assert.Equal(1.0965765064232438, result.Upper, 1e-10);
    }

    [Fact]
    public void Compare_SidesSwapped_InvertsRatioAndInterval()
    {
        var forward = WelchTest.Compare(Baseline, Current);
        var backward = WelchTest.Compare(Current, Baseline);

        Assert.Equal(1 / forward.Ratio, backward.Ratio, 1e-12);
        Assert.Equal(1 / forward.Upper, backward.Lower, 1e-12);
        Assert.Equal(1 / forward.Lower, backward.Upper, 1e-12);
        Assert.Equal(forward.PValue, backward.PValue, 1e-15);
    }

    [Fact]
    public void Compare_NoVarianceDifferentValues_CollapsesIntervalWithZeroPValue()
    {
        var result = WelchTest.Compare([100, 100, 100], [110, 110]);

        Assert.Equal(1.1, result.Ratio, 1e-12);
        Assert.Equal(result.Ratio, result.Lower);
        Assert.Equal(result.Ratio, result.Upper);
        Assert.Equal(0, result.PValue);
        Assert.Equal(3, result.DegreesOfFreedom);
    }

    [Fact]
    public void Compare_NoVarianceSameValues_GivesRatioOneWithPValueOne()
    {
        var result = WelchTest.Compare([0.1, 0.1, 0.1], [0.1, 0.1, 0.1, 0.1]);

        Assert.Equal(new WelchResult(1, 1, 1, 1, 5), result);
    }

    [Fact]
    public void Compare_OneSideConstant_UsesTheOtherSidesDegreesOfFreedom()
    {
        // With one variance zero, Welch–Satterthwaite reduces to n − 1 of the side that varies.
        var result = WelchTest.Compare([100, 100, 100], [100, 110, 120, 105]);

        Assert.Equal(3, result.DegreesOfFreedom, 1e-12);
        Assert.True(result.Lower < result.Ratio && result.Ratio < result.Upper);
    }

    [Fact]
    public void Compare_OneValueOnASide_ThrowsWithClearMessage()
    {
        var error = Assert.Throws<ArgumentException>(() => WelchTest.Compare([100], [100, 101]));

        Assert.Equal("baseline", error.ParamName);
        Assert.Contains("at least 2 values", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_NonPositiveValue_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => WelchTest.Compare([100, 101], [100, 0]));

        Assert.Equal("current", error.ParamName);
        Assert.Contains("positive", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(double.NaN)]
    public void Compare_ConfidenceOutsideOpenUnitInterval_Throws(double confidence) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => WelchTest.Compare(Baseline, Current, confidence));

    [Theory]
    // scipy.stats.t.isf(tail, df), SciPy 1.10.1; for df = 1 (the Cauchy distribution) the closed form 1/tan(π·0.025),
    // since SciPy's t.isf is off there in the 11th digit.
    [InlineData(1, 0.025, 12.706204736174707)]
    [InlineData(2.5, 0.025, 3.574654842011878)]
    [InlineData(8.3, 0.005, 3.320443599044949)]
    [InlineData(24.9, 0.025, 2.0599580324598312)]
    [InlineData(1000, 0.005, 2.5807546980659426)]
    public void StudentQuantile_KnownDegreesOfFreedom_MatchesSciPy(double degreesOfFreedom, double tail, double expected) =>
        Assert.Equal(expected, StudentQuantile.UpperTail(degreesOfFreedom, tail), expected * 1e-11);
}
