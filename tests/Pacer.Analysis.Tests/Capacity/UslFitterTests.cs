using Pacer.Analysis.Capacity;
using Pacer.Analysis.Statistics;

namespace Pacer.Analysis.Tests.Capacity;

public sealed class UslFitterTests
{
    /// <summary>
    /// R's usl package example: a Sun SPARCcenter 2000 in SPEC SDM91 (Gunther, Guerrilla Capacity Planning, 2007), users against
    /// scripts per hour. The package's summary (smoeding/usl README) gives α 0.0277285 (s.e. 0.0091217), β 0.0001044
    /// (s.e. 0.0000199), γ 89.9952330 (s.e. 14.2134894); α and β are this law's σ and κ, γ its λ.
    /// </summary>
    [Fact]
    public void Recovers_the_r_usl_packages_spec_sdm91_coefficients()
    {
        (double, double)[] specSdm91 = [(1, 64.9), (18, 995.9), (36, 1652.4), (72, 1853.2), (108, 1828.9), (144, 1775.0), (216, 1702.2)];

        var fit = UslFitter.Fit(specSdm91)!;

        Assert.Equal(0.0277285, fit.Sigma.Estimate, 0.0002);
        Assert.Equal(0.0001044, fit.Kappa.Estimate, 0.000002);
        Assert.Equal(89.9952330, fit.Lambda.Estimate, 0.5);
        Assert.Equal(0.0091217, fit.Sigma.StandardError, 0.0005);
        Assert.Equal(0.0000199, fit.Kappa.StandardError, 0.000002);
        Assert.Equal(14.2134894, fit.Lambda.StandardError, 1);
        Assert.True(fit.Fits, fit.Verdict);
        Assert.InRange(fit.Sigma.Low, 0, fit.Sigma.Estimate);
        Assert.True(fit.Sigma.High > fit.Sigma.Estimate);
        Assert.InRange(fit.PeakConcurrency!.Value, 90, 100);
    }

    [Theory]
    [InlineData(0.05, 0.0002, 100)]
    [InlineData(0.2, 0.0, 1000)]
    [InlineData(0.01, 0.001, 5)]
    public void Recovers_sigma_and_kappa_of_synthetic_data_with_noise(double sigma, double kappa, double lambda)
    {
        var random = new SplitMix64(42);
        var points = new List<(double, double)>();
        foreach (var n in new double[] { 1, 2, 4, 8, 16, 24, 32, 48, 64, 96, 128 })
        {
            var noise = 1 + 0.01 * ((random.NextBits() >> 11) * (1.0 / (1UL << 53)) * 2 - 1);
            points.Add((n, lambda * n / (1 + sigma * (n - 1) + kappa * n * (n - 1)) * noise));
        }

        var fit = UslFitter.Fit(points)!;

        Assert.True(fit.Fits, fit.Verdict);
        Assert.InRange(sigma, fit.Sigma.Low, fit.Sigma.High);
        Assert.InRange(kappa, fit.Kappa.Low, fit.Kappa.High);
        Assert.Equal(sigma, fit.Sigma.Estimate, 0.01 + sigma * 0.1);
        Assert.Equal(lambda, fit.Lambda.Estimate, lambda * 0.05);
        Assert.True(fit.RSquared > 0.99);
    }

    [Fact]
    public void A_curve_the_law_cannot_describe_is_said_not_to_fit()
    {
        // Throughput that falls, rises and falls again, like a cache that helps only in the middle: no σ, κ, λ draws it.
        (double, double)[] zigzag = [(1, 100), (2, 40), (4, 400), (8, 60), (16, 700), (32, 50)];

        var fit = UslFitter.Fit(zigzag)!;

        Assert.False(fit.Fits);
        Assert.StartsWith("does not fit USL", fit.Verdict, StringComparison.Ordinal);
    }

    [Fact]
    public void Too_few_points_give_no_fit()
    {
        Assert.Null(UslFitter.Fit([(1, 10), (2, 19), (4, 30)]));
        Assert.Null(UslFitter.Fit([(1, 10), (1, 11), (2, 19), (2, 20), (4, 30)]));
    }
}
