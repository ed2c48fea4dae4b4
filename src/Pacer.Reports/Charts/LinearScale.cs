using System.Globalization;

namespace Pacer.Reports.Charts;

/// <summary>
/// A straight-line map from a data domain to a pixel range, with "nice" tick values (steps of 1, 2, 2.5 or 5 × 10^k) for the axis.
/// A degenerate domain (equal ends, or not finite) is widened so a chart of flat or missing data still has an axis.
/// </summary>
internal sealed class LinearScale
{
    // Step mantissas doubled so that 2.5 is an integer too: ticks are then computed from integers, which avoids 3 × 0.2 = 0.6000000000000001.
    private static readonly int[] DoubledMantissas = [2, 4, 5, 10, 20];

    /// <summary>A scale from <paramref name="domainMin"/>..<paramref name="domainMax"/> to <paramref name="rangeStart"/>..<paramref name="rangeEnd"/> pixels.</summary>
    /// <remarks>The range may run backwards (a y axis maps larger values to smaller pixel rows).</remarks>
    public LinearScale(double domainMin, double domainMax, double rangeStart, double rangeEnd)
    {
        (DomainMin, DomainMax) = Widen(domainMin, domainMax);
        RangeStart = rangeStart;
        RangeEnd = rangeEnd;
    }

    /// <summary>The smallest value of the domain, after widening.</summary>
    public double DomainMin { get; }

    /// <summary>The largest value of the domain, after widening; always greater than <see cref="DomainMin"/>.</summary>
    public double DomainMax { get; }

    /// <summary>The pixel that <see cref="DomainMin"/> maps to.</summary>
    public double RangeStart { get; }

    /// <summary>The pixel that <see cref="DomainMax"/> maps to.</summary>
    public double RangeEnd { get; }

    /// <summary>A scale whose domain spans <paramref name="values"/> (non-finite values ignored; 0..1 when none are left).</summary>
    public static LinearScale FromValues(IEnumerable<double> values, double rangeStart, double rangeEnd)
    {
        var min = double.PositiveInfinity;
        var max = double.NegativeInfinity;
        foreach (var v in values)
        {
            if (double.IsFinite(v))
            {
                min = Math.Min(min, v);
                max = Math.Max(max, v);
            }
        }

        return new LinearScale(min, max, rangeStart, rangeEnd);
    }

    /// <summary>The pixel for <paramref name="value"/>; values outside the domain map outside the range.</summary>
    public double Map(double value) => RangeStart + ((value - DomainMin) / (DomainMax - DomainMin) * (RangeEnd - RangeStart));

    /// <summary>About <paramref name="approxCount"/> evenly spaced nice tick values, from at or below the domain's minimum to at or above its maximum; at least two.</summary>
    public IReadOnlyList<double> Ticks(int approxCount)
    {
        var (doubledMantissa, exponent) = Step(approxCount);
        var step = Value(1, doubledMantissa, exponent);
        // Dividing by the step rounds (0.3 / 0.1 is 2.9999999999999996), so the first and last ticks are nudged by comparing the
        // tick values themselves: the axis then covers the domain exactly, without an extra tick beyond an end that sits on one.
        var first = (long)Math.Floor(DomainMin / step);
        var last = (long)Math.Ceiling(DomainMax / step);
        if (Value(first, doubledMantissa, exponent) > DomainMin)
        {
            first--;
        }
        else if (Value(first + 1, doubledMantissa, exponent) <= DomainMin)
        {
            first++;
        }

        if (Value(last, doubledMantissa, exponent) < DomainMax)
        {
            last++;
        }
        else if (Value(last - 1, doubledMantissa, exponent) >= DomainMax)
        {
            last--;
        }

        last = Math.Max(last, first + 1);
        var ticks = new List<double>((int)(last - first + 1));
        for (var k = first; k <= last; k++)
        {
            ticks.Add(Value(k, doubledMantissa, exponent));
        }

        return ticks;
    }

    /// <summary>A scale over the same range whose domain is stretched to the first and last of <see cref="Ticks"/>, so the axis starts and ends on a tick.</summary>
    public LinearScale Nice(int approxCount)
    {
        var ticks = Ticks(approxCount);
        return new LinearScale(ticks[0], ticks[^1], RangeStart, RangeEnd);
    }

    /// <summary>A tick label: at most 15 significant digits so float noise disappears (0.1 + 0.2 prints as 0.3), thousands grouped, no trailing zeros.</summary>
    public string Format(double value) => FormatNumber(value);

    /// <summary>The formatting behind <see cref="Format"/>, shared with the percentile axis and the hover values.</summary>
    internal static string FormatNumber(double value)
    {
        if (!double.IsFinite(value))
        {
            return value.ToString(CultureInfo.InvariantCulture);
        }

        var rounded = double.Parse(value.ToString("G15", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        if (rounded == 0)
        {
            return "0"; // also for -0, which would otherwise print as "-0"
        }

        var magnitude = Math.Abs(rounded);
        return magnitude is >= 1e15 or < 1e-6
            ? rounded.ToString("G6", CultureInfo.InvariantCulture)
            : rounded.ToString("#,0.###############", CultureInfo.InvariantCulture);
    }

    private (int DoubledMantissa, int Exponent) Step(int approxCount)
    {
        var raw = (DomainMax - DomainMin) / Math.Max(1, approxCount);
        var exponent = (int)Math.Floor(Math.Log10(raw));
        var normalized = raw / Math.Pow(10, exponent);
        foreach (var doubled in DoubledMantissas)
        {
            // The tolerance lets a raw step of exactly 2 (give or take rounding) choose 2 rather than 2.5.
            if (doubled / 2.0 >= normalized - 1e-9)
            {
                return (doubled, exponent);
            }
        }

        return (DoubledMantissas[^1], exponent);
    }

    // k × (doubled / 2) × 10^exponent, computed so that for negative exponents it is one division of exact integers and so correctly rounded.
    private static double Value(long k, int doubledMantissa, int exponent) =>
        exponent >= 0
            ? k * doubledMantissa * Math.Pow(10, exponent) / 2
            : k * doubledMantissa / (2 * Math.Pow(10, -exponent));

    private static (double Min, double Max) Widen(double min, double max)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max))
        {
            return (0, 1);
        }

        if (min > max)
        {
            (min, max) = (max, min);
        }

        if (min == max)
        {
            // Flat data: zero gets 0..1, anything else half its size either side so the line sits mid-chart.
            return min == 0 ? (0, 1) : (min - (Math.Abs(min) / 2), max + (Math.Abs(max) / 2));
        }

        return (min, max);
    }
}
