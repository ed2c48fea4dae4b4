using Pacer.Analysis.Statistics;

namespace Pacer.Analysis.Tests.Statistics;

public sealed class HarrellDavisTests
{
    // Expected values: scipy.stats.mstats.hdquantiles (SciPy 1.10.1), an independent implementation of the same estimator.
    private static readonly double[] OneToTen = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

    [Fact]
    public void Quantile_MedianOfOneToTen_IsFiveAndAHalf()
    {
        // Symmetric data: the Beta(5.5, 5.5) weights are symmetric too, so the median is exactly the centre.
        Assert.Equal(5.5, HarrellDavis.Quantile(OneToTen, 0.5), 1e-12);
    }

    [Theory]
    [InlineData(0.1, 1.564884823339565)]
    [InlineData(0.25, 2.998686946607101)]
    [InlineData(0.9, 9.435115176660437)]
    public void Quantile_OneToTen_MatchesSciPy(double probability, double expected) =>
        Assert.Equal(expected, HarrellDavis.Quantile(OneToTen, probability), 1e-12);

    [Theory]
    // One far outlier: it pulls the median only a little (5.546, against 5.5 without it) but dominates the upper tail.
    [InlineData(0.5, 5.546117325591465)]
    [InlineData(0.9, 64.10289084329273)]
    [InlineData(0.99, 97.91758034312221)]
    public void Quantile_SkewedWithOutlier_MatchesSciPy(double probability, double expected)
    {
        double[] values = [100, 1, 2, 3, 4, 5, 6, 7, 8, 9];

        Assert.Equal(expected, HarrellDavis.Quantile(values, probability), 1e-10);
    }

    [Theory]
    [InlineData(0.5, 12.34152353413735)]
    [InlineData(0.95, 15.382911111207488)]
    [InlineData(0.05, 11.82392834858954)]
    public void Quantile_LatencyLikeSample_MatchesSciPy(double probability, double expected)
    {
        double[] latencies = [12.1, 11.8, 12.4, 13.0, 12.2, 11.9, 15.7, 12.6, 12.0, 14.3, 12.3];

        Assert.Equal(expected, HarrellDavis.Quantile(latencies, probability), 1e-10);
    }

    [Fact]
    public void Quantile_TwoValues_MatchesSciPy()
    {
        Assert.Equal(5, HarrellDavis.Quantile([7, 3], 0.5), 1e-12);
        Assert.Equal(3.6013140194384636, HarrellDavis.Quantile([7, 3], 0.25), 1e-12);
    }

    [Fact]
    public void Quantile_ProbabilityZeroOrOne_GivesMinimumOrMaximum()
    {
        Assert.Equal(1, HarrellDavis.Quantile(OneToTen, 0));
        Assert.Equal(10, HarrellDavis.Quantile(OneToTen, 1));
    }

    [Fact]
    public void Quantile_SingleValue_IsThatValue() => Assert.Equal(42, HarrellDavis.Quantile([42], 0.9));

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.1)]
    [InlineData(double.NaN)]
    public void Quantile_ProbabilityOutsideUnitInterval_Throws(double probability) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => HarrellDavis.Quantile(OneToTen, probability));

    [Fact]
    public void Quantile_Empty_Throws() => Assert.Throws<ArgumentException>(() => HarrellDavis.Quantile([], 0.5));
}
