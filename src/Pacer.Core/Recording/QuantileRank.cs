namespace Pacer.Core.Recording;

/// <summary>
/// The nearest-rank position of a quantile: the smallest rank r (1-based) with r ≥ q · n, computed exactly. Every place that
/// turns a percentile into a position in sorted data (histograms, thresholds, reports, compare) goes through here, because
/// <c>Math.Ceiling(p / 100 * n)</c> in doubles is one rank too high whenever p · n is a whole number that the binary
/// arithmetic misses by an ulp: 99.9 / 100 · 1000 is 999.0000000000001, so p99.9 of 1,000 values became the maximum.
/// </summary>
public static class QuantileRank
{
    // A value converted through decimal keeps at most 15 significant digits; capping the decimal places keeps the
    // denominator (10^places, times 100 for a percentile) within a long, and mantissa · count within an Int128.
    private const int PercentilePlaces = 16;
    private const int ProbabilityPlaces = 18;

    /// <summary>
    /// The rank of <paramref name="percentile"/> (0 to 100, clamped) among <paramref name="count"/> values, reading the
    /// percentile as the decimal number it is written as (99.9 is exactly 999/1000, not the double nearest to it).
    /// At least 1 and at most <paramref name="count"/>; 0 when <paramref name="count"/> is 0 or less.
    /// </summary>
    public static long OfPercentile(double percentile, long count)
    {
        var (numerator, denominator) = Rational(Math.Clamp(double.IsNaN(percentile) ? 0 : percentile, 0, 100), PercentilePlaces);
        return Of(numerator, denominator * 100, count);
    }

    /// <summary>
    /// The rank of the quantile at <paramref name="probability"/> (0 to 1, clamped) among <paramref name="count"/> values,
    /// reading the probability as the decimal number it is written as (0.975 is exactly 975/1000).
    /// At least 1 and at most <paramref name="count"/>; 0 when <paramref name="count"/> is 0 or less.
    /// </summary>
    public static long OfProbability(double probability, long count)
    {
        var (numerator, denominator) = Rational(Math.Clamp(double.IsNaN(probability) ? 0 : probability, 0, 1), ProbabilityPlaces);
        return Of(numerator, denominator, count);
    }

    /// <summary>
    /// The rank of the quantile at the exact fraction <paramref name="numerator"/> / <paramref name="denominator"/> (clamped to
    /// 0 to 1) among <paramref name="count"/> values: ⌈numerator · count / denominator⌉ in integers, at least 1.
    /// 0 when <paramref name="count"/> is 0 or less.
    /// </summary>
    public static long Of(long numerator, long denominator, long count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(denominator);
        if (count <= 0)
        {
            return 0;
        }

        var n = Math.Clamp(numerator, 0, denominator);
        var rank = (((Int128)n * count) + denominator - 1) / denominator;
        return Math.Max(1, (long)rank);
    }

    /// <summary>The 0-based index in sorted data of <paramref name="count"/> values of the quantile at <paramref name="probability"/>.</summary>
    public static int IndexOfProbability(double probability, int count) => (int)Math.Max(0, OfProbability(probability, count) - 1);

    /// <summary>A value in [0, 100] as numerator / denominator, through decimal (15 significant digits, as the value is written).</summary>
    private static (long Numerator, long Denominator) Rational(double value, int maxPlaces)
    {
        var d = (decimal)value;
        if (d.Scale > maxPlaces)
        {
            d = Math.Round(d, maxPlaces);
        }

        var scale = d.Scale;
        long denominator = 1;
        for (var i = 0; i < scale; i++)
        {
            denominator *= 10;
        }

        return ((long)(d * denominator), denominator);
    }
}
