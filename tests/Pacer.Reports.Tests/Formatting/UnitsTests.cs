using Pacer.Reports.Formatting;

namespace Pacer.Reports.Tests.Formatting;

public sealed class UnitsTests
{
    [Theory]
    [InlineData(0, "0 ms")]
    [InlineData(-0.0, "0 ms")]
    [InlineData(0.000423, "0.423 µs")]
    [InlineData(0.412, "412 µs")]
    [InlineData(0.63, "630 µs")]
    [InlineData(0.9994, "999 µs")]
    [InlineData(0.99995, "1.00 ms")] // 999.95 µs rounds to 1000 µs: written as 1.00 ms
    [InlineData(1, "1.00 ms")]
    [InlineData(1.27, "1.27 ms")]
    [InlineData(2.734, "2.73 ms")]
    [InlineData(9.996, "10.0 ms")] // rounding to 10.00 would be four significant digits
    [InlineData(43.14, "43.1 ms")]
    [InlineData(123.4, "123 ms")]
    [InlineData(999.4, "999 ms")]
    [InlineData(999.96, "1.00 s")] // not "1000 ms" next to another value's "1.00 s"
    [InlineData(1000, "1.00 s")]
    [InlineData(1350, "1.35 s")]
    [InlineData(59_940, "59.9 s")]
    [InlineData(59_990, "1.00 min")] // 59.99 s rounds to 60.0 s, which is a minute
    [InlineData(90_000, "1.50 min")]
    [InlineData(3_599_000, "1.00 h")]
    [InlineData(9_000_000, "2.50 h")]
    [InlineData(-1.234, "-1.23 ms")]
    [InlineData(double.NaN, "–")]
    [InlineData(double.PositiveInfinity, "–")]
    public void Duration_ThreeSignificantDigitsInAUnitChosenBySize(double ms, string expected) => Assert.Equal(expected, Units.Duration(ms));

    [Fact]
    public void Duration_OfNoSamples_IsADash_NotTheStoredZero()
    {
        Assert.Equal("–", Units.Duration(0, samples: 0));
        Assert.Equal("–", Units.Duration(4.2, samples: 0));
        Assert.Equal("0 ms", Units.Duration(0, samples: 1));
        Assert.Equal("4.20 ms", Units.Duration(4.2, samples: 3));
    }

    [Fact]
    public void Duration_OfATimeSpan_ReadsAsItsMilliseconds() => Assert.Equal("1.50 ms", Units.Duration(TimeSpan.FromTicks(15_000)));

    public static TheoryData<TimeSpan, string> PlanDurations => new()
    {
        { TimeSpan.Zero, "0 s" },
        { TimeSpan.FromTicks(10_000), "1 ms" },
        { TimeSpan.FromTicks(5_000), "0.5 ms" },
        { TimeSpan.FromTicks(2_500), "0.25 ms" },
        { TimeSpan.FromMilliseconds(250), "250 ms" },
        { TimeSpan.FromSeconds(1), "1 s" },
        { TimeSpan.FromMilliseconds(1_500), "1.5 s" },
        { TimeSpan.FromSeconds(30), "30 s" },
        { TimeSpan.FromSeconds(90), "1 min 30 s" },
        { TimeSpan.FromMilliseconds(61_250), "1 min 1.25 s" },
        { TimeSpan.FromHours(2), "2 h" },
        { TimeSpan.FromSeconds(3_630), "1 h 30 s" },
        { TimeSpan.FromHours(30), "30 h" },
    };

    [Theory]
    [MemberData(nameof(PlanDurations))]
    public void PlanDuration_IsExact_NeverRoundedToZero(TimeSpan duration, string expected) => Assert.Equal(expected, Units.PlanDuration(duration));

    [Theory]
    [InlineData(0.001, "1 ms")] // `--duration 1ms` was shown as "0 s" and "0.0 s"
    [InlineData(30, "30 s")]
    [InlineData(0.1 + 0.2, "300 ms")] // a double's last bits are not a fraction of a tick
    [InlineData(double.NaN, "–")]
    public void PlanDuration_FromSeconds_IsExactToTheTick(double seconds, string expected) => Assert.Equal(expected, Units.PlanDuration(seconds));

    [Fact]
    public void PlanDuration_BeyondATimeSpan_IsStillADuration() =>
        // A hand-edited result file can hold any number; TimeSpan.FromSeconds would throw.
        Assert.EndsWith(" h", Units.PlanDuration(1e300), StringComparison.Ordinal);

    [Theory]
    [InlineData(3953.736, "3,953.7/s")]
    [InlineData(50, "50.0/s")]
    [InlineData(0.5, "0.5/s")]
    [InlineData(0.06, "0.1/s")]
    [InlineData(0.0167, "0.0167/s")] // one decimal would make it 0.0/s: a rate that is not zero
    [InlineData(0.04999, "0.0500/s")]
    [InlineData(0, "0.0/s")]
    [InlineData(1_234_567.89, "1,234,567.9/s")]
    [InlineData(double.NaN, "–")]
    public void Rate_OneDecimal_AndNeverAFalseZero(double perSecond, string expected) => Assert.Equal(expected, Units.Rate(perSecond));

    [Theory]
    [InlineData(0, "0.00%")]
    [InlineData(1, "100.00%")]
    [InlineData(0.0833, "8.33%")]
    [InlineData(0.0123, "1.23%")]
    [InlineData(0.00004, "<0.01%")] // not 0.00%: something failed
    [InlineData(0.99996, ">99.99%")] // not 100.00%: something did not pass
    [InlineData(0.9999, "99.99%")]
    [InlineData(1.5, "150.00%")]
    [InlineData(-0.025, "-2.50%")]
    [InlineData(double.NaN, "–")]
    public void Percent_TwoDecimals_AndNeverAFalseZeroOrHundred(double fraction, string expected) => Assert.Equal(expected, Units.Percent(fraction));

    [Theory]
    [InlineData(0, "0")]
    [InlineData(999, "999")]
    [InlineData(12_345, "12,345")]
    [InlineData(-3, "-3")]
    public void Count_HasThousandsSeparators(long n, string expected) => Assert.Equal(expected, Units.Count(n));

    [Theory]
    [InlineData(0, "0")]
    [InlineData(5250, "5,250")]
    [InlineData(2.5, "2.50")]
    [InlineData(0.5, "0.500")]
    [InlineData(12.34, "12.3")]
    [InlineData(1234.5, "1,235")]
    [InlineData(-2.5, "-2.50")]
    [InlineData(double.NaN, "–")]
    public void Number_WholeAsCounts_FractionsWithThreeSignificantDigits(double value, string expected) => Assert.Equal(expected, Units.Number(value));

    [Theory]
    [InlineData(0, "0 B")]
    [InlineData(512, "512 B")]
    [InlineData(999, "999 B")]
    [InlineData(1.5, "1.50 B")]
    [InlineData(999.6, "1.00 kB")]
    [InlineData(12_345, "12.3 kB")]
    [InlineData(999_960, "1.00 MB")]
    [InlineData(2_453_776, "2.45 MB")]
    [InlineData(1e12, "1.00 TB")]
    [InlineData(2.5e15, "2,500 TB")]
    [InlineData(double.NaN, "–")]
    public void Bytes_DecimalUnits_ThreeSignificantDigits(double bytes, string expected) => Assert.Equal(expected, Units.Bytes(bytes));

    [Fact]
    public void ByteRate_IsBytesPerSecond()
    {
        Assert.Equal("1.23 kB/s", Units.ByteRate(1234.5));
        Assert.Equal("–", Units.ByteRate(double.NaN));
    }
}
