using Pacer.Analysis.Statistics;

namespace Pacer.Analysis.Tests.Statistics;

public sealed class ModalityTests
{
    // Expected coefficients: (g² + 1) / (k + 3(n − 1)²/((n − 2)(n − 3))) with g = scipy.stats.skew(values, bias=False) and
    // k = scipy.stats.kurtosis(values, bias=False) (SciPy 1.10.1).
    private static readonly double[] TwoGroups = [10.0, 10.2, 9.9, 10.1, 10.3, 9.8, 20.0, 20.1, 19.9, 20.2, 19.8, 20.3];
    private static readonly double[] OneGroup = [10.0, 10.4, 9.7, 10.1, 10.9, 9.5, 10.2, 9.9, 10.6, 10.3, 9.8, 10.0];

    [Fact]
    public void BimodalityCoefficient_TwoGroups_MatchesSciPyMoments() =>
        Assert.Equal(0.6264533675677736, Modality.BimodalityCoefficient(TwoGroups), 1e-12);

    [Fact]
    public void BimodalityCoefficient_OneGroup_MatchesSciPyMoments() =>
        Assert.Equal(0.29862666776513636, Modality.BimodalityCoefficient(OneGroup), 1e-12);

    [Fact]
    public void BimodalityCoefficient_EvenlySpaced_MatchesSciPyMoments() =>
        Assert.Equal(0.3185437997724687, Modality.BimodalityCoefficient([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), 1e-12);

    [Fact]
    public void LooksBimodal_TwoGroups_IsTrue() => Assert.True(Modality.LooksBimodal(TwoGroups));

    [Fact]
    public void LooksBimodal_OneGroup_IsFalse() => Assert.False(Modality.LooksBimodal(OneGroup));

    [Fact]
    public void LooksBimodal_OneFarOutlier_IsAlsoTrue()
    {
        // The documented limit of the heuristic: heavy skew (g = 3.46, k = 12, coefficient 0.81) scores like two groups.
        Assert.True(Modality.LooksBimodal([1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 50]));
    }

    [Fact]
    public void LooksBimodal_FewerThanTenValues_IsFalse() => Assert.False(Modality.LooksBimodal([1, 1, 1, 1, 9, 9, 9, 9, 9]));

    [Fact]
    public void LooksBimodal_AllEqual_IsFalse() => Assert.False(Modality.LooksBimodal(Enumerable.Repeat(3.0, 12).ToArray()));

    [Fact]
    public void BimodalityCoefficient_AllEqual_Throws() =>
        Assert.Throws<ArgumentException>(() => Modality.BimodalityCoefficient([2, 2, 2, 2]));
}
