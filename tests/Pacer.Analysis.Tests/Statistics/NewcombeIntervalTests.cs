using Pacer.Analysis.Statistics;

namespace Pacer.Analysis.Tests.Statistics;

public sealed class NewcombeIntervalTests
{
    [Theory]
    // R. G. Newcombe, Statistics in Medicine 17 (1998) 873–890, Table II, method 10 (hybrid score, no continuity correction),
    // examples (a)–(h) as x₁/n₁ − x₂/n₂; the first proportion is "current" here. Recomputed from the formula and agreeing with
    // the table to its 4 decimals.
    [InlineData(56, 70, 48, 80, 0.2000, 0.0524, 0.3339)]
    [InlineData(9, 10, 3, 10, 0.6000, 0.1705, 0.8090)]
    [InlineData(6, 7, 2, 7, 0.5714, 0.0582, 0.8062)]
    [InlineData(5, 56, 0, 29, 0.0893, -0.0381, 0.1926)]
    [InlineData(0, 10, 0, 20, 0.0000, -0.1611, 0.2775)]
    [InlineData(0, 10, 0, 10, 0.0000, -0.2775, 0.2775)]
    [InlineData(10, 10, 0, 20, 1.0000, 0.6791, 1.0000)]
    [InlineData(10, 10, 0, 10, 1.0000, 0.6075, 1.0000)]
    public void Difference_NewcombesExamples_MatchPublishedMethod10(
        int failuresCurrent, int totalCurrent, int failuresBase, int totalBase, double difference, double lower, double upper)
    {
        var result = NewcombeInterval.Difference(failuresBase, totalBase, failuresCurrent, totalCurrent);

        Assert.Equal(difference, result.Difference, 0.00005);
        Assert.Equal(lower, result.Lower, 0.00005);
        Assert.Equal(upper, result.Upper, 0.00005);
    }

    [Fact]
    public void Difference_SidesSwapped_MirrorsInterval()
    {
        var forward = NewcombeInterval.Difference(48, 80, 56, 70);
        var backward = NewcombeInterval.Difference(56, 70, 48, 80);

        Assert.Equal(-forward.Difference, backward.Difference, 1e-15);
        Assert.Equal(-forward.Upper, backward.Lower, 1e-15);
        Assert.Equal(-forward.Lower, backward.Upper, 1e-15);
    }

    [Fact]
    public void Difference_HigherConfidence_WidensInterval()
    {
        var at95 = NewcombeInterval.Difference(3, 10_000, 12, 10_000);
        var at99 = NewcombeInterval.Difference(3, 10_000, 12, 10_000, confidence: 0.99);

        Assert.True(at99.Lower < at95.Lower && at95.Upper < at99.Upper);
        Assert.True(at95.Lower > 0, "9 more failures in 10,000 against 3 is a clear increase at 95%");
    }

    [Theory]
    [InlineData(-1, 10, 0, 10, "failuresBase")]
    [InlineData(11, 10, 0, 10, "failuresBase")]
    [InlineData(0, 0, 0, 10, "totalBase")]
    [InlineData(0, 10, 5, 4, "failuresCurrent")]
    public void Difference_InvalidCounts_Throws(int failuresBase, int totalBase, int failuresCurrent, int totalCurrent, string parameter)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => NewcombeInterval.Difference(failuresBase, totalBase, failuresCurrent, totalCurrent));

        Assert.Equal(parameter, error.ParamName);
    }

    [Fact]
    public void PValue_BelowFivePercentExactlyWhenThe95PercentIntervalExcludesZero()
    {
        // The comparison showed a pooled z test's p beside this interval; near the edge the two disagreed.
        var checkedPairs = 0;
        foreach (var total in new[] { 20, 200, 1000 })
        {
            for (var fb = 0; fb <= total / 10; fb += Math.Max(1, total / 100))
            {
                for (var fc = 0; fc <= total / 5; fc += Math.Max(1, total / 200))
                {
                    var d = NewcombeInterval.Difference(fb, total, fc, total, 0.95);
                    var p = NewcombeInterval.PValue(fb, total, fc, total);
                    Assert.True((d.Lower > 0 || d.Upper < 0) == p < 0.05, $"{fb}/{total} vs {fc}/{total}: [{d.Lower}, {d.Upper}] p {p}");
                    checkedPairs++;
                }
            }
        }

        Assert.True(checkedPairs > 300);
        Assert.Equal(1, NewcombeInterval.PValue(3, 100, 3, 100));
    }
}
