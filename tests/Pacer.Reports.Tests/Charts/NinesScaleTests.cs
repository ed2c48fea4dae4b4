using Pacer.Reports.Charts;

namespace Pacer.Reports.Tests.Charts;

public sealed class NinesScaleTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(90, 1)]
    [InlineData(99, 2)]
    [InlineData(99.9, 3)]
    [InlineData(99.99, 4)]
    [InlineData(99.999, 5)]
    [InlineData(99.9999, 5)]
    [InlineData(100, 5)]
    [InlineData(-1, 0)]
    public void Nines_Percentile_IsMinusLog10OfTheRemainderClamped(double percentile, double expected) =>
        Assert.Equal(expected, NinesScale.Nines(percentile), 9);

    [Fact]
    public void Map_Percentiles_GiveEachNineEqualWidth()
    {
        var scale = new NinesScale(100, 600);

        Assert.Equal(100, scale.Map(0), 9);
        Assert.Equal(200, scale.Map(90), 9);
        Assert.Equal(300, scale.Map(99), 9);
        Assert.Equal(400, scale.Map(99.9), 9);
        Assert.Equal(600, scale.Map(99.999), 9);
        Assert.Equal(600, scale.Map(100), 9);
        Assert.Equal(150, scale.Map(100 - (100 / Math.Sqrt(10))), 9);
    }

    [Fact]
    public void Ticks_Labels_ArePercentNines()
    {
        var scale = new NinesScale(0, 500);

        Assert.Equal([0, 90, 99, 99.9, 99.99, 99.999], scale.Ticks());
        Assert.Equal(["0%", "90%", "99%", "99.9%", "99.99%", "99.999%"], scale.Ticks().Select(scale.Format));
    }

    [Fact]
    public void Map_EndPercentile_IsTheRightEdgeAndTicksStopBeforeIt()
    {
        var scale = new NinesScale(0, 300, 99.9);

        Assert.Equal(0, scale.Map(0), 9);
        Assert.Equal(100, scale.Map(90), 9);
        Assert.Equal(300, scale.Map(99.9), 9);
        Assert.Equal(300, scale.Map(99.999), 9);
        Assert.Equal([0, 90, 99, 99.9], scale.Ticks());
        Assert.Equal(90, new NinesScale(0, 300, 12).EndPercentile);
    }
}
