using Pacer.Analysis.Statistics;

namespace Pacer.Analysis.Tests.Statistics;

public sealed class BootstrapDistributionTests
{
    [Fact]
    public void PValueOfOne_AnyConfidence_BelowAlphaExactlyWhenThePercentileIntervalExcludesOne()
    {
        var random = new Random(17);
        for (var trial = 0; trial < 2_000; trial++)
        {
            // Centred anywhere from well below to well above 1, with ties at exactly 1 in some trials (quantiles of histograms tie).
            var center = 0.8 + (0.4 * random.NextDouble());
            var ratios = Enumerable.Range(0, 10 + random.Next(300))
                .Select(_ => trial % 3 == 0 && random.NextDouble() < 0.2 ? 1.0 : center * Math.Exp(0.05 * (random.NextDouble() - 0.5)))
                .ToArray();

            var summary = BootstrapDistribution.Summarize(center, ratios, 0.95);

            foreach (var alpha in new[] { 0.01, 0.05, 0.1, 0.2, 0.5 })
            {
                var excludes = SortedQuantile.Linear(ratios, alpha / 2) > 1 || SortedQuantile.Linear(ratios, 1 - (alpha / 2)) < 1;
                var p = BootstrapDistribution.PValueOfOne(ratios);
                if (Math.Abs(p - alpha) < 1e-12)
                {
                    // An interval end that is exactly 1 (a tie) at exactly this α: rounding, not the method, decides.
                    continue;
                }

                Assert.True(excludes == p < alpha, $"trial {trial}, α {alpha}: p {p}, interval [{SortedQuantile.Linear(ratios, alpha / 2)}, {SortedQuantile.Linear(ratios, 1 - (alpha / 2))}]");
            }

            Assert.True((summary.Lower > 1 || summary.Upper < 1) == summary.PValue < 0.05, $"trial {trial}: {summary} p {summary.PValue}");
        }
    }

    [Fact]
    public void PValueOfOne_AllRatiosOne_IsOne() => Assert.Equal(1, BootstrapDistribution.PValueOfOne([1, 1, 1, 1]));

    [Fact]
    public void PValueOfOne_SymmetricAroundOne_IsOne() => Assert.Equal(1, BootstrapDistribution.PValueOfOne([0.9, 0.95, 1.05, 1.1]), 12);

    [Fact]
    public void PValueOfOne_AllAbove_IsZero() => Assert.Equal(0, BootstrapDistribution.PValueOfOne([1.1, 1.2, 1.3, 1.4]));

    [Theory]
    [InlineData(200, 0.95, 1.0 / 201)]
    [InlineData(10, 0.95, 0)]
    public void Summarize_AllAbove_PValueIsTheResolutionUnlessThatContradictsTheInterval(int resamples, double confidence, double expected)
    {
        var summary = BootstrapDistribution.Summarize(1.2, [.. Enumerable.Range(0, resamples).Select(i => 1.1 + (i * 0.001))], confidence);

        Assert.Equal(expected, summary.PValue, 12);
        Assert.True(summary.Lower > 1);
    }

    [Fact]
    public void Summarize_Expansion_StretchesAroundThePointOnTheLogScale()
    {
        var summary = BootstrapDistribution.Summarize(2, [1, 2, 4], 0.5, expansion: 2);

        // log-distances from 2 doubled: 1 → 0.5, 4 → 8; the 25% and 75% points of [0.5, 2, 8] by linear interpolation.
        Assert.Equal(1.25, summary.Lower, 12);
        Assert.Equal(5, summary.Upper, 12);
    }
}
