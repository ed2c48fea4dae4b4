using Pacer.Reports.Charts;

namespace Pacer.Reports.Tests.Charts;

public sealed class LinearScaleTests
{
    [Theory]
    [InlineData(0, 1, 5, new[] { 0, 0.2, 0.4, 0.6, 0.8, 1 })]
    [InlineData(0, 7.3, 5, new[] { 0.0, 2, 4, 6, 8 })]
    [InlineData(0.001, 0.0042, 4, new[] { 0.001, 0.002, 0.003, 0.004, 0.005 })]
    [InlineData(1_234, 98_765, 5, new[] { 0.0, 20_000, 40_000, 60_000, 80_000, 100_000 })]
    [InlineData(-3.5, 7, 5, new[] { -5, -2.5, 0, 2.5, 5, 7.5 })]
    [InlineData(0, 100, 4, new[] { 0.0, 25, 50, 75, 100 })]
    [InlineData(0.3, 0.7, 4, new[] { 0.3, 0.4, 0.5, 0.6, 0.7 })]
    public void Ticks_Domain_AreNiceAndCoverIt(double min, double max, int approxCount, double[] expected)
    {
        var ticks = new LinearScale(min, max, 0, 100).Ticks(approxCount);

        // Exact equality on purpose: ticks must be free of float noise such as 0.6000000000000001.
        Assert.Equal(expected, ticks);
    }

    [Theory]
    [InlineData(5, 5)]
    [InlineData(0, 0)]
    [InlineData(-2, -2)]
    [InlineData(double.NaN, 1)]
    [InlineData(double.PositiveInfinity, double.NegativeInfinity)]
    public void Ticks_DegenerateDomain_WidensAndGivesAtLeastTwoTicks(double min, double max)
    {
        var scale = new LinearScale(min, max, 0, 100);

        var ticks = scale.Ticks(5);

        Assert.True(scale.DomainMax > scale.DomainMin);
        Assert.True(ticks.Count >= 2);
        Assert.True(double.IsFinite(scale.Map(min is var m && double.IsFinite(m) ? m : 0)));
        if (double.IsFinite(min))
        {
            Assert.InRange(min, ticks[0], ticks[^1]);
        }
    }

    [Fact]
    public void FromValues_Empty_IsZeroToOne()
    {
        var scale = LinearScale.FromValues([], 0, 100);

        Assert.Equal((0.0, 1.0), (scale.DomainMin, scale.DomainMax));
        Assert.True(scale.Ticks(5).Count >= 2);
    }

    [Fact]
    public void FromValues_IgnoresNonFinite()
    {
        var scale = LinearScale.FromValues([3, double.NaN, 9, double.PositiveInfinity], 0, 100);

        Assert.Equal((3.0, 9.0), (scale.DomainMin, scale.DomainMax));
    }

    [Fact]
    public void Ticks_ManyDomains_AlwaysCoverTheDomainWithNiceSteps()
    {
        double[] mantissas = [1, 2, 2.5, 5];
        var random = new Random(42);
        for (var i = 0; i < 5_000; i++)
        {
            var min = (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-4, 7));
            var max = min + (random.NextDouble() * Math.Pow(10, random.Next(-4, 7)));
            var ticks = new LinearScale(min, max, 0, 1).Ticks(random.Next(2, 10));

            Assert.True(ticks[0] <= min && ticks[^1] >= max, $"{min}..{max} → {ticks[0]}..{ticks[^1]}");
            // Ticks far from zero with a small step lose digits in the subtraction, so compare loosely: 2 and 2.5 are still far apart.
            var step = ticks[1] - ticks[0];
            var mantissa = step / Math.Pow(10, Math.Floor(Math.Log10(step)));
            Assert.Contains(mantissas, m => Math.Abs(m - mantissa) < 1e-3 || Math.Abs((m * 10) - mantissa) < 1e-2);
        }
    }

    [Theory]
    [InlineData(0.30000000000000004, "0.3")]
    [InlineData(0.1, "0.1")]
    [InlineData(0.6000000000000001, "0.6")]
    [InlineData(2.5, "2.5")]
    [InlineData(0.0042, "0.0042")]
    [InlineData(20_000, "20,000")]
    [InlineData(-0.0, "0")]
    [InlineData(-2.5, "-2.5")]
    [InlineData(1e-9, "1E-09")]
    public void Format_Value_HasNoFloatNoise(double value, string expected) =>
        Assert.Equal(expected, new LinearScale(0, 1, 0, 1).Format(value));

    [Fact]
    public void Format_SumOfTenths_PrintsCleanly() => Assert.Equal("0.3", new LinearScale(0, 1, 0, 1).Format(0.1 + 0.2));

    [Fact]
    public void Map_DomainEnds_MapToRangeEnds()
    {
        var scale = new LinearScale(10, 20, 100, 300);

        Assert.Equal(100, scale.Map(10));
        Assert.Equal(300, scale.Map(20));
        Assert.Equal(200, scale.Map(15));
    }

    [Fact]
    public void Map_ReversedRange_MapsLargerValuesHigherUp()
    {
        var scale = new LinearScale(0, 50, 240, 40);

        Assert.Equal(240, scale.Map(0));
        Assert.Equal(40, scale.Map(50));
    }

    [Fact]
    public void Nice_Domain_StretchesToFirstAndLastTick()
    {
        var nice = new LinearScale(0, 7.3, 0, 100).Nice(5);

        Assert.Equal((0.0, 8.0), (nice.DomainMin, nice.DomainMax));
        Assert.Equal(100, nice.Map(8));
    }
}
