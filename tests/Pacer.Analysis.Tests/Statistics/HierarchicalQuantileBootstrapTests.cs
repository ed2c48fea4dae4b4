using Pacer.Analysis.Statistics;
using Pacer.Analysis.Tests.Simulation;

namespace Pacer.Analysis.Tests.Statistics;

public sealed class HierarchicalQuantileBootstrapTests
{
    [Fact]
    public void Ratio_SameSeed_SameInterval()
    {
        var random = new Gaussian(1);
        IReadOnlyList<double>[] a = [random.LogNormal(200, 10, 0.3), random.LogNormal(200, 10, 0.3)];
        IReadOnlyList<double>[] b = [random.LogNormal(200, 12, 0.3), random.LogNormal(200, 12, 0.3)];

        var first = HierarchicalQuantileBootstrap.Ratio(a, b, 0.95, 300, seed: 7);
        var second = HierarchicalQuantileBootstrap.Ratio(a, b, 0.95, 300, seed: 7);

        Assert.Equal(first, second);
        Assert.InRange(first.Ratio, 1.1, 1.3);
        Assert.True(first.Lower < first.Ratio && first.Ratio < first.Upper);
    }

    [Fact]
    public void Ratio_BetweenRunNoise_WidensTheInterval()
    {
        // Same requests per run; in one case the runs also differ from each other by 10%: only resampling runs can see that.
        var random = new Gaussian(2);
        IReadOnlyList<double>[] Steady() => [.. Enumerable.Range(0, 5).Select(_ => (IReadOnlyList<double>)random.LogNormal(300, 10, 0.3))];
        IReadOnlyList<double>[] Varying() => [.. Enumerable.Range(0, 5).Select(_ => (IReadOnlyList<double>)random.LogNormal(300, 10 * Math.Exp(0.1 * random.Next()), 0.3))];

        var steady = HierarchicalQuantileBootstrap.Ratio(Steady(), Steady(), 0.95, 400);
        var varying = HierarchicalQuantileBootstrap.Ratio(Varying(), Varying(), 0.95, 400);

        Assert.True(varying.Upper - varying.Lower > 1.5 * (steady.Upper - steady.Lower), $"steady {steady}, varying {varying}");
    }

    [Fact]
    public void Ratio_EmptyRun_IsRefused() =>
        Assert.Throws<ArgumentException>(() => HierarchicalQuantileBootstrap.Ratio([Array.Empty<double>()], [new double[] { 1 }], 0.5));
}
