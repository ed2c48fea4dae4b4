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
    public void FromHistogram_4000Values_EachSampleIsTheValueAtItsExactRank()
    {
        // 4,000 values thinned to 2,000: sample i stands for rank (i + 0.5) / 2000 · 4000 = 2i + 1 exactly. The values are one a
        // bucket (1..2000 µs, then steps of 2 and 4 µs where the buckets are that wide), so reading rank 2i + 2 instead shows.
        var sorted = new long[4000];
        for (var r = 1; r <= sorted.Length; r++)
        {
            sorted[r - 1] = r <= 2000 ? r : r <= 3024 ? 2048 + (2L * (r - 2001)) : 4096 + (4L * (r - 3025));
        }

        var histogram = new LatencyHistogram();
        foreach (var v in sorted)
        {
            histogram.Record(v);
        }

        var samples = SampleThinning.FromHistogram(histogram);

        for (var i = 0; i < samples.Count; i++)
        {
            var micros = Math.Round(samples[i] * 1000);
            Assert.True(micros >= sorted[2 * i] && micros < sorted[(2 * i) + 1], $"sample {i}: {micros} µs, rank {(2 * i) + 1} holds {sorted[2 * i]} µs");
        }
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
