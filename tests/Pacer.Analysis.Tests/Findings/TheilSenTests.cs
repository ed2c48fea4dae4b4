using Pacer.Analysis.Statistics;

namespace Pacer.Analysis.Tests.Findings;

public sealed class TheilSenTests
{
    [Fact]
    public void Slope_AStraightLineWithAFewWildPoints_IsTheLinesSlope()
    {
        var points = Enumerable.Range(0, 50).Select(i => ((double)i, (3.0 * i) + (i % 10 == 0 ? 1000 : 0))).ToList();

        Assert.Equal(3, TheilSen.Slope(points), 6);
    }

    [Fact]
    public void Slope_MoreThanMaxPoints_IsThinnedAndStillExact()
    {
        var points = Enumerable.Range(0, 5000).Select(i => ((double)i, (-2.0 * i) + 7)).ToList();

        Assert.Equal(-2, TheilSen.Slope(points), 9);
    }

    [Fact]
    public void Slope_OnePoint_IsNaN() => Assert.True(double.IsNaN(TheilSen.Slope([(1.0, 2.0)])));
}
