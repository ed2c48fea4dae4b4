using Pacer.Analysis.Statistics;
using Pacer.Analysis.Tests.Simulation;

namespace Pacer.Analysis.Tests.Statistics;

public sealed class BootstrapTests
{
    private static readonly Func<IReadOnlyList<double>, double> Mean = values => values.Average();

    [Fact]
    public void RatioOfStatistic_ConstantValues_CollapsesToRatio()
    {
        double[][] baseline = [[10, 10, 10], [10, 10]];
        double[][] current = [[12, 12], [12, 12, 12, 12]];

        var result = Bootstrap.RatioOfStatistic(baseline, current, Mean, resamples: 200);

        // Every resampled ratio is 1.2: no change is as unlikely as 200 resamples can say.
        Assert.Equal(new BootstrapRatio(1.2, 1.2, 1.2, 200) { PValue = 1.0 / 201 }, result);
    }

    [Fact]
    public void RatioOfStatistic_Ratio_UsesPooledOriginalData()
    {
        // Pooled baseline mean (1 + 2 + 3 + 4 + 5)/5 = 3, pooled current mean (4 + 8 + 6)/3 = 6, not the mean of run means.
        double[][] baseline = [[1, 2, 3], [4, 5]];
        double[][] current = [[4, 8], [6]];

        var result = Bootstrap.RatioOfStatistic(baseline, current, Mean, resamples: 100);

        Assert.Equal(2, result.Ratio, 1e-15);
        Assert.True(result.Lower <= result.Upper);
    }

    [Fact]
    public void RatioOfStatistic_SameSeed_GivesIdenticalResult()
    {
        var (baseline, current) = Runs(seed: 21, shift: 1.0);

        var first = Bootstrap.RatioOfStatistic(baseline, current, Median, seed: 7);
        var second = Bootstrap.RatioOfStatistic(baseline, current, Median, seed: 7);
        var other = Bootstrap.RatioOfStatistic(baseline, current, Median, seed: 8);

        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
        Assert.Equal(first.Ratio, other.Ratio);
    }

    [Fact]
    public void RatioOfStatistic_SeedOne_ReproducesPinnedResult()
    {
        // Pinned from this implementation (SplitMix64 draws; runs first, then values within each run, baseline before current).
        // A change here means every seeded interval users have seen would change: only accept it on purpose.
        double[][] baseline = [[100, 104, 98], [110, 107], [95, 99, 101, 97]];
        double[][] current = [[115, 111], [120, 118, 121], [108, 112]];

        var result = Bootstrap.RatioOfStatistic(baseline, current, Mean, resamples: 50);

        Assert.Equal(PinnedSeedOne, result);
    }

    [Fact]
    public void RatioOfStatistic_TrueShiftOfTwentyPercent_IntervalExcludesOneAndCoversShift()
    {
        var (baseline, current) = Runs(seed: 22, shift: 1.2);

        var result = Bootstrap.RatioOfStatistic(baseline, current, Median);

        Assert.InRange(1.0, double.NegativeInfinity, result.Lower);
        Assert.InRange(1.2, result.Lower, result.Upper);
        Assert.Equal(2000, result.Resamples);
    }

    [Fact]
    public void RatioOfStatistic_RunsDifferFromEachOther_IntervalWiderThanPoolingAsOneRun()
    {
        // Each run has its own level (±10%): resampling runs carries that into the interval; one pooled run hides it.
        var gaussian = new Gaussian(seed: 23);
        double[][] baseline = [.. Enumerable.Range(0, 5).Select(_ => gaussian.LogNormal(40, 100 * Math.Exp(0.1 * gaussian.Next()), 0.05))];
        double[][] current = [.. Enumerable.Range(0, 5).Select(_ => gaussian.LogNormal(40, 100 * Math.Exp(0.1 * gaussian.Next()), 0.05))];
        double[][] baselinePooled = [[.. baseline.SelectMany(run => run)]];
        double[][] currentPooled = [[.. current.SelectMany(run => run)]];

        var hierarchical = Bootstrap.RatioOfStatistic(baseline, current, Median, resamples: 1000);
        var flat = Bootstrap.RatioOfStatistic(baselinePooled, currentPooled, Median, resamples: 1000);

        Assert.Equal(flat.Ratio, hierarchical.Ratio, 1e-15);
        Assert.True(
            hierarchical.Upper - hierarchical.Lower > 2 * (flat.Upper - flat.Lower),
            $"hierarchical [{hierarchical.Lower}, {hierarchical.Upper}] vs flat [{flat.Lower}, {flat.Upper}]");
    }

    [Fact]
    public void RatioOfStatistic_CallsStatisticTwicePerResamplePlusOriginals()
    {
        var calls = 0;
        Bootstrap.RatioOfStatistic([[1.0, 2.0]], [[3.0, 4.0]], values => { calls++; return values.Average(); }, resamples: 25);

        Assert.Equal(52, calls);
    }

    [Fact]
    public void RatioOfStatistic_NoRuns_Throws() =>
        Assert.Throws<ArgumentException>(() => Bootstrap.RatioOfStatistic([], [[1.0]], Mean));

    [Fact]
    public void RatioOfStatistic_EmptyRun_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => Bootstrap.RatioOfStatistic([[1.0]], [[1.0], []], Mean));

        Assert.Contains("currentRuns[1]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RatioOfStatistic_ZeroBaselineStatistic_Throws() =>
        Assert.Throws<ArgumentException>(() => Bootstrap.RatioOfStatistic([[0.0, 0.0]], [[1.0]], Mean));

    [Fact]
    public void SplitMix64_SeedZero_GivesReferenceSequence()
    {
        // The first outputs of Vigna's splitmix64.c for state 0, the usual test vector of the generator.
        var generator = new SplitMix64(0);

        Assert.Equal(0xE220A8397B1DCDAFUL, generator.NextBits());
        Assert.Equal(0x6E789E6AA1B965F4UL, generator.NextBits());
        Assert.Equal(0x06C45D188009454FUL, generator.NextBits());
    }

    [Fact]
    public void SplitMix64_Below_StaysInRangeAndHitsEveryValue()
    {
        var generator = new SplitMix64(5);
        var seen = new int[7];
        for (var i = 0; i < 7000; i++)
        {
            seen[generator.Below(7)]++;
        }

        Assert.All(seen, count => Assert.InRange(count, 850, 1150));
    }

    private static readonly BootstrapRatio PinnedSeedOne = new(805.0 / 7 / (911.0 / 9), 1.0451345755693582, 1.1940473449969307, 50) { PValue = 1.0 / 51 };

    /// <summary>The type-7 median, a cheap statistic for the tests.</summary>
    private static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        return SortedQuantile.Linear(sorted, 0.5);
    }

    /// <summary>Five runs a side of 50 latency-like values, the current side scaled by <paramref name="shift"/>.</summary>
    private static (double[][] Baseline, double[][] Current) Runs(int seed, double shift)
    {
        var gaussian = new Gaussian(seed);
        double[][] baseline = [.. Enumerable.Range(0, 5).Select(_ => gaussian.LogNormal(50, 20 * Math.Exp(0.04 * gaussian.Next()), 0.3))];
        double[][] current = [.. Enumerable.Range(0, 5).Select(_ => gaussian.LogNormal(50, 20 * shift * Math.Exp(0.04 * gaussian.Next()), 0.3))];
        return (baseline, current);
    }
}
