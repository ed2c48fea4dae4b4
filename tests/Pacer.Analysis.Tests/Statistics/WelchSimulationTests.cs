using Pacer.Analysis.Statistics;
using Pacer.Analysis.Tests.Simulation;

namespace Pacer.Analysis.Tests.Statistics;

public sealed class WelchSimulationTests
{
    private const int Pairs = 500;
    private const int RunsPerSide = 5;

    [Fact]
    public void Compare_IdenticalLogNormalDistributions_FlagsFewerThanEightPercent()
    {
        // Both sides from the same distribution: a calibrated 5% test flags about 25 of 500 pairs (binomial sd ≈ 4.9), so the
        // 8% bound (40) leaves three standard deviations of room.
        var gaussian = new Gaussian(seed: 11);
        var flagged = 0;
        for (var pair = 0; pair < Pairs; pair++)
        {
            var baseline = gaussian.LogNormal(RunsPerSide, median: 1000, sigma: 0.05);
            var current = gaussian.LogNormal(RunsPerSide, median: 1000, sigma: 0.05);
            if (WelchTest.Compare(baseline, current).PValue < 0.05)
            {
                flagged++;
            }
        }

        Assert.True(flagged < Pairs * 0.08, $"{flagged} of {Pairs} identical pairs had p < 0.05");
    }

    [Fact]
    public void Compare_TwentyPercentShiftWithFourPercentNoise_IntervalExcludesOneInNinetyPercent()
    {
        // log(1.2) = 0.182 against a standard error of 0.04·√(2/5) = 0.025: the interval should almost always exclude 1.
        var gaussian = new Gaussian(seed: 12);
        var excluded = 0;
        for (var pair = 0; pair < Pairs; pair++)
        {
            var baseline = gaussian.LogNormal(RunsPerSide, median: 1000, sigma: 0.04);
            var current = gaussian.LogNormal(RunsPerSide, median: 1200, sigma: 0.04);
            var result = WelchTest.Compare(baseline, current);
            if (result.Lower > 1 || result.Upper < 1)
            {
                excluded++;
            }
        }

        Assert.True(excluded >= Pairs * 0.90, $"only {excluded} of {Pairs} shifted pairs had an interval excluding 1");
    }

    [Fact]
    public void Compare_IdenticalDistributions_IntervalCoversOneAboutAsOftenAsPromised()
    {
        // The 95% interval for the true ratio 1 should miss it in about 5% of pairs; [2%, 8%] allows for simulation noise.
        var gaussian = new Gaussian(seed: 13);
        var missed = 0;
        for (var pair = 0; pair < Pairs; pair++)
        {
            var result = WelchTest.Compare(gaussian.LogNormal(RunsPerSide, 500, 0.1), gaussian.LogNormal(RunsPerSide, 500, 0.1));
            if (result.Lower > 1 || result.Upper < 1)
            {
                missed++;
            }
        }

        Assert.InRange(missed, Pairs * 0.02, Pairs * 0.08);
    }
}
