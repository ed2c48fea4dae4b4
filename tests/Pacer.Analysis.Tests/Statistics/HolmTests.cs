using Pacer.Analysis.Statistics;

namespace Pacer.Analysis.Tests.Statistics;

public sealed class HolmTests
{
    [Fact]
    public void Adjust_FourPValues_MatchesHandComputation()
    {
        // Sorted: 0.005·4 = 0.02, 0.01·3 = 0.03, 0.03·2 = 0.06, 0.04·1 = 0.04 → running maximum 0.06; back in input order.
        var adjusted = Holm.Adjust([0.01, 0.04, 0.03, 0.005]);

        Assert.Equal([0.03, 0.06, 0.06, 0.02], adjusted, (a, b) => Math.Abs(a - b) < 1e-15);
    }

    [Fact]
    public void Adjust_LargeProducts_CapsAtOne()
    {
        var adjusted = Holm.Adjust([0.5, 0.9, 0.2]);

        Assert.Equal([1.0, 1.0, 0.6], adjusted, (a, b) => Math.Abs(a - b) < 1e-15);
    }

    [Fact]
    public void Adjust_Empty_GivesEmpty() => Assert.Empty(Holm.Adjust([]));

    [Fact]
    public void Adjust_SingleValue_IsUnchanged() => Assert.Equal([0.03], Holm.Adjust([0.03]));

    [Fact]
    public void Adjust_OutOfRange_Throws() => Assert.Throws<ArgumentOutOfRangeException>(() => Holm.Adjust([0.1, 1.5]));

    [Fact]
    public void Adjust_RandomPValues_NeverDecreasesAndPreservesOrder()
    {
        var random = new Random(20_240_601);
        for (var trial = 0; trial < 300; trial++)
        {
            var count = 1 + random.Next(25);

            // Round some to two decimals so that ties occur too.
            var raw = Enumerable.Range(0, count)
                .Select(_ => random.Next(3) == 0 ? Math.Round(random.NextDouble(), 2) : random.NextDouble() * random.NextDouble())
                .ToArray();

            var adjusted = Holm.Adjust(raw);

            Assert.Equal(count, adjusted.Count);
            for (var i = 0; i < count; i++)
            {
                Assert.InRange(adjusted[i], raw[i], 1.0);
                for (var j = 0; j < count; j++)
                {
                    if (raw[i] <= raw[j])
                    {
                        Assert.True(adjusted[i] <= adjusted[j], $"trial {trial}: p {raw[i]} ≤ {raw[j]} but adjusted {adjusted[i]} > {adjusted[j]}");
                    }
                }
            }
        }
    }
}
