using Pacer.Cli.Parsing;

namespace Pacer.Cli.Tests.Parsing;

public sealed class ShareOptionTests
{
    [Theory]
    [InlineData("5%", 0.05)]
    [InlineData("0.05", 0.05)]
    [InlineData(" 12.5% ", 0.125)]
    [InlineData("100%", 1.0)]
    [InlineData("1", 1.0)]
    [InlineData("1e-3", 0.001)]
    public void Parse_PercentageOrFraction_IsTheFraction(string text, double expected) =>
        Assert.Equal(expected, ShareOption.Parse(text, "--x", zeroAllowed: false, max: 1, maxAllowed: true), 12);

    [Theory]
    [InlineData("abc")]
    [InlineData("5 %%")]
    [InlineData("")]
    [InlineData("NaN")]
    [InlineData("Infinity%")]
    public void Parse_NotANumber_SaysHowToWriteAShare(string text)
    {
        var e = Assert.Throws<UsageException>(() => ShareOption.Parse(text, "--x", zeroAllowed: false, max: 1, maxAllowed: true));
        Assert.Equal($"--x '{text}' is not a share: write a percentage like 5% or a fraction like 0.05", e.Message);
    }

    [Theory]
    [InlineData("0", false, 1, true, "--x '0' must be above 0% up to 100%")]
    [InlineData("101%", false, 1, true, "--x '101%' must be above 0% up to 100%")]
    [InlineData("-1%", true, 1, true, "--x '-1%' must be from 0% up to 100%")]
    [InlineData("10", false, 10, false, "--x '10' must be above 0% and below 1000%")]
    [InlineData("100", true, 100, false, "--x '100' must be from 0% and below 10000%")]
    public void Parse_OutOfBounds_NamesTheBounds(string text, bool zeroAllowed, double max, bool maxAllowed, string message)
    {
        var e = Assert.Throws<UsageException>(() => ShareOption.Parse(text, "--x", zeroAllowed, max, maxAllowed));
        Assert.Equal(message, e.Message);
    }

    [Theory]
    [InlineData("0", true, 1, true, 0.0)]
    [InlineData("100%", false, 1, true, 1.0)]
    [InlineData("999%", false, 10, false, 9.99)]
    public void Parse_AtTheBounds_TheAllowedOnesPass(string text, bool zeroAllowed, double max, bool maxAllowed, double expected) =>
        Assert.Equal(expected, ShareOption.Parse(text, "--x", zeroAllowed, max, maxAllowed), 12);
}
