using Pacer.Analysis.Inputs;
using Pacer.Analysis.Statistics;
using Pacer.Core.Recording;

namespace Pacer.Analysis.Tests.Inputs;

public sealed class SampleThinningTests
{
    private static readonly double[] Probabilities = [0.10, 0.50, 0.90, 0.95, 0.99];

    [Fact]
    public void Thin_ManyValues_KeepsAtMost2000AndQuantilesWithinOnePercent()
    {
        var values = LogNormal(100_000, seed: 7);

        var thinned = SampleThinning.Thin(values);

        Assert.Equal(SampleThinning.MaxSamples, thinned.Count);
        var original = values.Order().ToArray();
        var kept = thinned.Order().ToArray();
        foreach (var p in Probabilities)
        {
            var expected = SortedQuantile.Linear(original, p);
            Assert.InRange(SortedQuantile.Linear(kept, p), expected * 0.99, expected * 1.01);
        }
    }

    [Fact]
    public void Thin_FewValues_KeepsThemAsTheyAre()
    {
        double[] values = [3, 1, 2];

        Assert.Same(values, SampleThinning.Thin(values));
    }

    [Fact]
    public void FromHistogram_ManyValues_KeepsAtMost2000AndQuantilesWithinOnePercent()
    {
        var histogram = new LatencyHistogram();
        foreach (var ms in LogNormal(200_000, seed: 11))
        {
            histogram.Record((long)(ms * 1000));
        }

        var samples = SampleThinning.FromHistogram(histogram);

        Assert.Equal(SampleThinning.MaxSamples, samples.Count);
        var kept = samples.Order().ToArray();
        foreach (var p in Probabilities)
        {
            var expected = histogram.ValueAtPercentile(p * 100) / 1000.0;
            Assert.InRange(SortedQuantile.Linear(kept, p), expected * 0.99, expected * 1.01);
        }
    }

    [Fact]
    public void FromHistogram_FewValues_GivesEveryValue()
    {
        var histogram = new LatencyHistogram();
        histogram.Record(1_500);
        histogram.Record(250);
        histogram.RecordValues(900, 2);

        Assert.Equal([0.25, 0.9, 0.9, 1.5], SampleThinning.FromHistogram(histogram));
    }

    [Fact]
    public void FromHistogram_Empty_GivesNothing() => Assert.Empty(SampleThinning.FromHistogram(new LatencyHistogram()));

    /// <summary>A latency-like distribution: median 20 ms, long right tail.</summary>
    private static double[] LogNormal(int count, int seed)
    {
        var random = new Random(seed);
        var values = new double[count];
        for (var i = 0; i < count; i++)
        {
            var normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            values[i] = 20 * Math.Exp(0.6 * normal);
        }

        return values;
    }
}
