using Pacer.Analysis.Statistics;

namespace Pacer.Analysis.Tests.Statistics;

public sealed class BlockBootstrapTests
{
    [Theory]
    [InlineData(3, 1)]
    [InlineData(7, 1)]
    [InlineData(8, 2)]
    [InlineData(26, 2)]
    [InlineData(27, 3)]
    [InlineData(300, 6)]
    [InlineData(3600, 15)]
    public void BlockLength_IsTheWholePartOfTheCubeRoot(int n, int expected) => Assert.Equal(expected, BlockBootstrap.BlockLength(n));

    [Fact]
    public void RatioOfMeans_SameSeed_SameResult()
    {
        var random = new Random(1);
        var a = Enumerable.Range(0, 40).Select(_ => 10 + random.NextDouble()).ToArray();
        var b = Enumerable.Range(0, 40).Select(_ => 11 + random.NextDouble()).ToArray();

        var first = BlockBootstrap.RatioOfMeans(a, b, 500, seed: 3);

        Assert.Equal(first, BlockBootstrap.RatioOfMeans(a, b, 500, seed: 3));
        Assert.Equal(b.Average() / a.Average(), first.Ratio, 12);
        Assert.True(first.Lower > 1 && first.PValue < 0.05, $"{first}");
    }

    [Fact]
    public void RatioOfMeans_StallSpanningSeconds_WiderThanIndependentSeconds()
    {
        // The same 30 values, once with the slow ones together (a stall over four neighbouring seconds) and once spread
        // out: blocks see that neighbours move together, so the first interval is wider.
        var together = Enumerable.Range(0, 30).Select(i => i is >= 10 and < 14 ? 5.0 : 1.0).ToArray();
        var spread = Enumerable.Range(0, 30).Select(i => i % 7 == 3 && i < 28 ? 5.0 : 1.0).ToArray();
        var flat = Enumerable.Repeat(1.6, 30).ToArray();

        var a = BlockBootstrap.RatioOfMeans(flat, together, 2000);
        var b = BlockBootstrap.RatioOfMeans(flat, spread, 2000);

        Assert.Equal(a.Ratio, b.Ratio, 12);
        Assert.True(a.Upper - a.Lower > b.Upper - b.Lower, $"together {a}, spread {b}");
    }

    [Fact]
    public void Expansion_FewBlocksWide_ManyBlocksNearOne()
    {
        Assert.InRange(BlockBootstrap.Expansion(3, 0.95), 2.5, 3);
        Assert.InRange(BlockBootstrap.Expansion(240, 0.95), 1, 1.01);
    }

    [Fact]
    public void RatioOfGeometricMeans_OneStallSecond_MovesTheRatioLessThanTheArithmeticMean()
    {
        // Ten seconds at 1 ms p99, one of them stalled at 100 ms, against ten quiet seconds: the arithmetic mean calls that
        // an elevenfold p99, the geometric mean about 1.6 times; the interval of either includes no change.
        var quiet = Enumerable.Repeat(1.0, 10).Select((v, i) => v + (i * 0.01)).ToArray();
        var stalled = quiet.Select((v, i) => i == 4 ? 100 : v).ToArray();

        var arithmetic = BlockBootstrap.RatioOfMeans(quiet, stalled, 2000);
        var geometric = BlockBootstrap.RatioOfGeometricMeans(quiet, stalled, 2000);

        Assert.InRange(arithmetic.Ratio, 10, 12);
        Assert.InRange(geometric.Ratio, 1.5, 1.7);
        Assert.True(geometric.Lower < 1 && geometric.PValue >= 0.05, $"{geometric}");
        Assert.True(arithmetic.Lower < 1 && arithmetic.PValue >= 0.05, $"{arithmetic}");
    }

    [Fact]
    public void RatioOfGeometricMeans_NonPositive_Throws() =>
        Assert.Throws<ArgumentException>(() => BlockBootstrap.RatioOfGeometricMeans([1, 0, 2], [1, 2, 3]));

    [Fact]
    public void RatioOfMeans_TooShort_Throws() =>
        Assert.Throws<ArgumentException>(() => BlockBootstrap.RatioOfMeans([1, 2], [1, 2, 3]));

    [Theory]
    [InlineData(3, 5, false)]
    [InlineData(7, 9, true)]
    [InlineData(8, 8, true)]
    [InlineData(64, 64, true)]
    [InlineData(100, 73, false)]
    [InlineData(1000, 1000, true)]
    [InlineData(3600, 2999, true)]
    [InlineData(5000, 4100, false)]
    public void BlockSums_GiveTheValueByValueAnswer(int baseLength, int currentLength, bool geometric)
    {
        // Per-second p99s with a slow wave, noise and rare stalls (one second in 200 ten times slower), the shape that makes a
        // block bootstrap differ from resampling seconds one by one.
        var random = new Random(baseLength + currentLength);
        double[] Series(int n, double level) =>
            [.. Enumerable.Range(0, n).Select(t => level * (1 + (0.3 * Math.Sin(t / 50.0))) * (0.9 + (0.2 * random.NextDouble())) * (random.Next(200) == 0 ? 10 : 1))];
        var (a, b) = (Series(baseLength, 1.6), Series(currentLength, 1.7));

        var actual = geometric ? BlockBootstrap.RatioOfGeometricMeans(a, b, 2000, seed: 5) : BlockBootstrap.RatioOfMeans(a, b, 2000, seed: 5);
        var expected = ValueByValue(a, b, geometric, 2000, 0.95, seed: 5);

        Assert.Equal(expected.Ratio, actual.Ratio, 1e-12);
        Assert.Equal(expected.Lower, actual.Lower, 1e-9);
        Assert.Equal(expected.Upper, actual.Upper, 1e-9);
        Assert.Equal(expected.PValue, actual.PValue, 1e-9);
    }

    [Fact]
    public void BlockSums_EqualValues_EveryResampleTheSame()
    {
        // Equal seconds a side: every resampled ratio is the same number, so the interval is a point and p says no change, as
        // value by value (block sums slid along by adding and subtracting would scatter them by rounding).
        var flat = Enumerable.Repeat(1.6, 1000).ToArray();

        var result = BlockBootstrap.RatioOfMeans(flat, flat, 2000);

        Assert.Equal(1, result.Ratio);
        Assert.Equal(result.Lower, result.Upper);
        Assert.True(result.PValue > 0.05, $"{result}");
    }

    /// <summary>The block bootstrap as first written, each resample added up value by value: the reference for the block sums.</summary>
    private static BootstrapRatio ValueByValue(double[] baseline, double[] current, bool geometric, int resamples, double confidence, int seed)
    {
        var b = geometric ? baseline.Select(v => Math.Log(v)).ToArray() : baseline;
        var c = geometric ? current.Select(v => Math.Log(v)).ToArray() : current;
        double RatioOf(double cur, double bas) => geometric ? Math.Exp(cur - bas) : cur / bas;
        var (baseBlock, currentBlock) = (BlockBootstrap.BlockLength(b.Length), BlockBootstrap.BlockLength(c.Length));
        var random = new SplitMix64(unchecked((ulong)seed));
        double Mean(double[] values, int block)
        {
            var n = values.Length;
            var (sum, taken) = (0.0, 0);
            while (taken < n)
            {
                var start = random.Below(n);
                for (var j = 0; j < block && taken < n; j++, taken++)
                {
                    var k = start + j;
                    sum += values[k >= n ? k - n : k];
                }
            }

            return sum / n;
        }

        var ratios = new double[resamples];
        for (var i = 0; i < resamples; i++)
        {
            var baseDraw = Mean(b, baseBlock);
            ratios[i] = RatioOf(Mean(c, currentBlock), baseDraw);
        }

        var blocks = Math.Min((double)b.Length / baseBlock, (double)c.Length / currentBlock);
        return BootstrapDistribution.Summarize(RatioOf(c.Average(), b.Average()), ratios, confidence, BlockBootstrap.Expansion(blocks, confidence));
    }
}
