using Pacer.Analysis.Statistics;

namespace Pacer.Analysis.Tests.Statistics;

public sealed class NoiseTests
{
    [Fact]
    public void CoefficientOfVariation_FiveRuns_MatchesNumPy()
    {
        // Mean 1002, squared deviations 484 + 64 + 9 + 49 + 324 = 930, sample variance 930/4 = 232.5: √232.5 / 1002;
        // numpy.std(values, ddof=1) / numpy.mean(values) agrees to the last digit.
        Assert.Equal(0.015217515650675556, Noise.CoefficientOfVariation([980, 1010, 1005, 995, 1020]), 1e-15);
    }

    [Fact]
    public void CoefficientOfVariation_EqualValues_IsZero() => Assert.Equal(0, Noise.CoefficientOfVariation([7, 7, 7]));

    [Fact]
    public void CoefficientOfVariation_OneValue_Throws() =>
        Assert.Throws<ArgumentException>(() => Noise.CoefficientOfVariation([7]));

    [Fact]
    public void CoefficientOfVariation_ZeroMean_Throws() =>
        Assert.Throws<ArgumentException>(() => Noise.CoefficientOfVariation([-1, 1]));
}
