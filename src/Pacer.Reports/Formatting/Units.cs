using System.Globalization;

namespace Pacer.Reports.Formatting;

/// <summary>
/// The one formatter for every number a person reads in a run's reports — the console summary and progress line, Markdown,
/// JUnit and the HTML page's tables — so one value reads the same everywhere. The rules:
/// <list type="bullet">
/// <item><b>Durations</b> (<see cref="Duration(double)"/>): three significant digits and a space before the unit, the unit
/// chosen by size so the number stays under a thousand of it (µs below 1 ms, ms below 1 s, s below 1 min, min below 1 h,
/// then h): <c>412 µs</c>, <c>1.27 ms</c>, <c>43.1 ms</c>, <c>1.35 s</c>, <c>1.50 min</c>. A value that rounding lifts to the
/// next unit's size is written in that unit (999.96 ms is <c>1.00 s</c>, 59.99 s is <c>1.00 min</c>), so <c>1000 ms</c> never
/// stands next to <c>1.00 s</c>. Zero is <c>0 ms</c> (the metrics' own unit).</item>
/// <item><b>Plan durations</b> (<see cref="PlanDuration(TimeSpan)"/>): what a person typed, shown exactly: <c>1 ms</c>, <c>30 s</c>,
/// <c>1 min 30 s</c>; never rounded to <c>0 s</c>.</item>
/// <item><b>Rates</b> (<see cref="Rate"/>): thousands separators and one decimal, <c>3,953.7/s</c>; a non-zero rate that one
/// decimal would show as <c>0.0/s</c> keeps three significant digits (<c>0.0167/s</c>).</item>
/// <item><b>Percentages</b> (<see cref="Percent"/>): two decimals, <c>8.33%</c>, <c>0.00%</c>, <c>100.00%</c>; a value
/// that two decimals would round to 0% or 100% but is neither says so: <c>&lt;0.01%</c>, <c>&gt;99.99%</c>.</item>
/// <item><b>Counts</b> (<see cref="Count"/>, <see cref="Number"/>): thousands separators, <c>12,345</c>; a fractional
/// value (a custom counter, a gauge) has three significant digits, its whole part never rounded away.</item>
/// <item><b>Bytes</b> (<see cref="Bytes"/>): decimal units as k6 prints them (B, kB, MB, GB, TB), three significant digits
/// with the same promotion as durations, <c>12.3 kB</c>; whole bytes under 1 kB stay whole, <c>512 B</c>.</item>
/// <item><b>Nothing to show</b>: a statistic of no samples (a step that sent no request), NaN or infinity is
/// <see cref="Missing"/>, an en dash, never a made-up <c>0.00 µs</c>.</item>
/// </list>
/// Every number uses the invariant culture (a dot for decimals, a comma for thousands) whatever the machine's locale.
/// </summary>
internal static class Units
{
    /// <summary>What stands where there is no value: an en dash.</summary>
    public const string Missing = "–";

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    // Each duration unit: its name, its size in milliseconds, and how many of it make the next unit.
    private static readonly (string Name, double Size, double Limit)[] DurationUnits =
        [("µs", 0.001, 1000), ("ms", 1, 1000), ("s", 1000, 60), ("min", 60_000, 60), ("h", 3_600_000, double.PositiveInfinity)];

    private static readonly (string Name, double Size, double Limit)[] ByteUnits =
        [("B", 1, 1000), ("kB", 1e3, 1000), ("MB", 1e6, 1000), ("GB", 1e9, 1000), ("TB", 1e12, double.PositiveInfinity)];

    /// <summary>A duration given in milliseconds: <c>412 µs</c>, <c>1.27 ms</c>, <c>43.1 ms</c>, <c>1.35 s</c>; <see cref="Missing"/> for NaN.</summary>
    public static string Duration(double ms)
    {
        if (!double.IsFinite(ms))
        {
            return Missing;
        }

        return ms == 0 ? "0 ms" : (ms < 0 ? "-" : string.Empty) + Scaled(Math.Abs(ms), DurationUnits);
    }

    /// <summary>
    /// A duration statistic of <paramref name="samples"/> samples: <see cref="Missing"/> when there were none (a step that sent
    /// no request has no latency, and its stored zeros are not one), else <see cref="Duration(double)"/>.
    /// </summary>
    public static string Duration(double ms, long samples) => samples == 0 ? Missing : Duration(ms);

    /// <summary>A measured duration: the same as <see cref="Duration(double)"/> of its milliseconds.</summary>
    public static string Duration(TimeSpan duration) => Duration(duration.TotalMilliseconds);

    /// <summary>
    /// A duration a person set (a plan's or <c>--duration</c>'s, a grace period), written exactly in the plan's units rather than
    /// rounded to a precision: <c>1 ms</c>, <c>0.5 ms</c>, <c>1.5 s</c>, <c>30 s</c>, <c>1 min 30 s</c>, <c>2 h</c>; <c>0 s</c>
    /// only when it is zero.
    /// </summary>
    public static string PlanDuration(TimeSpan duration)
    {
        if (duration < TimeSpan.Zero)
        {
            return "-" + PlanDuration(duration.Duration());
        }

        if (duration == TimeSpan.Zero)
        {
            return "0 s";
        }

        if (duration < TimeSpan.FromSeconds(1))
        {
            return duration.TotalMilliseconds.ToString("0.####", Inv) + " ms";
        }

        var parts = new List<string>(3);
        var hours = (long)duration.TotalHours;
        if (hours > 0)
        {
            parts.Add(hours.ToString("#,0", Inv) + " h");
        }

        if (duration.Minutes > 0)
        {
            parts.Add(duration.Minutes.ToString(Inv) + " min");
        }

        var seconds = duration.Seconds + (duration.Ticks % TimeSpan.TicksPerSecond / (double)TimeSpan.TicksPerSecond);
        if (seconds > 0)
        {
            parts.Add(seconds.ToString("0.#######", Inv) + " s");
        }

        return string.Join(' ', parts);
    }

    /// <summary>
    /// A planned duration given in seconds (as a result file holds it), as <see cref="PlanDuration(TimeSpan)"/> to the tick;
    /// <see cref="Missing"/> for NaN, and as <see cref="Duration(double)"/> beyond what a <see cref="TimeSpan"/> holds.
    /// </summary>
    public static string PlanDuration(double seconds)
    {
        if (!double.IsFinite(seconds))
        {
            return Missing;
        }

        var ticks = Math.Round(seconds * TimeSpan.TicksPerSecond);
        return Math.Abs(ticks) < long.MaxValue / 2 ? PlanDuration(TimeSpan.FromTicks((long)ticks)) : Duration(seconds * 1000);
    }

    /// <summary>A per-second rate: <c>3,953.7/s</c>, <c>50.0/s</c>, <c>0.0167/s</c>; <see cref="Missing"/> for NaN.</summary>
    public static string Rate(double perSecond)
    {
        if (!double.IsFinite(perSecond))
        {
            return Missing;
        }

        var magnitude = Math.Abs(perSecond);
        var text = magnitude is > 0 and < 0.05 ? Significant(magnitude) : magnitude.ToString("#,0.0", Inv);
        return (perSecond < 0 && text != "0.0" ? "-" : string.Empty) + text + "/s";
    }

    /// <summary>A count with thousands separators: <c>12,345</c>.</summary>
    public static string Count(long n) => n.ToString("#,0", Inv);

    /// <summary>
    /// A value that is usually whole but need not be (a custom counter, a gauge, a threshold's count): whole numbers as
    /// <see cref="Count"/>, others with three significant digits (<c>2.50</c>, <c>1,234</c>); <see cref="Missing"/> for NaN.
    /// </summary>
    public static string Number(double value)
    {
        if (!double.IsFinite(value))
        {
            return Missing;
        }

        var magnitude = Math.Abs(value);
        var text = magnitude == Math.Floor(magnitude) || magnitude >= 1000 ? magnitude.ToString("#,0", Inv) : Significant(magnitude);
        return (value < 0 && text != "0" ? "-" : string.Empty) + text;
    }

    /// <summary>
    /// A fraction as a percentage with two decimals: <c>8.33%</c>, <c>0.00%</c>, <c>100.00%</c>; a fraction that is neither 0
    /// nor 1 but would round to either reads <c>&lt;0.01%</c> or <c>&gt;99.99%</c>; <see cref="Missing"/> for NaN.
    /// </summary>
    public static string Percent(double fraction)
    {
        if (!double.IsFinite(fraction))
        {
            return Missing;
        }

        if (fraction < 0)
        {
            return "-" + Percent(-fraction);
        }

        var text = (fraction * 100).ToString("0.00", Inv);
        return text switch
        {
            "0.00" when fraction > 0 => "<0.01%",
            "100.00" when fraction < 1 => ">99.99%",
            _ => text + "%",
        };
    }

    /// <summary>A byte count in decimal units, as k6 prints them: <c>512 B</c>, <c>12.3 kB</c>, <c>1.00 MB</c>; <see cref="Missing"/> for NaN.</summary>
    public static string Bytes(double bytes)
    {
        if (!double.IsFinite(bytes))
        {
            return Missing;
        }

        var magnitude = Math.Abs(bytes);
        var text = magnitude < 1000 && magnitude == Math.Floor(magnitude) ? magnitude.ToString("0", Inv) + " B" : Scaled(magnitude, ByteUnits);
        return (bytes < 0 ? "-" : string.Empty) + text;
    }

    /// <summary>Bytes per second: <see cref="Bytes"/> with <c>/s</c>, <c>1.23 kB/s</c>.</summary>
    public static string ByteRate(double bytesPerSecond) => Bytes(bytesPerSecond) is var text && text == Missing ? Missing : text + "/s";

    /// <summary>
    /// A positive <paramref name="magnitude"/> in the biggest of <paramref name="units"/> it reaches, with three significant
    /// digits; when rounding lifts it to the next unit's size (999.96 ms to 1000 ms) it is written as 1.00 of that unit.
    /// </summary>
    private static string Scaled(double magnitude, (string Name, double Size, double Limit)[] units)
    {
        var unit = 0;
        while (unit < units.Length - 1 && magnitude >= units[unit + 1].Size)
        {
            unit++;
        }

        var text = Significant(magnitude / units[unit].Size, out var rounded);
        if (rounded >= units[unit].Limit)
        {
            text = Significant(rounded / units[unit].Limit);
            unit++;
        }

        return text + " " + units[unit].Name;
    }

    private static string Significant(double magnitude) => Significant(magnitude, out _);

    /// <summary>
    /// A non-negative value with three significant digits (<c>1.27</c>, <c>43.1</c>, <c>412</c>, <c>0.0423</c>; whole from 100
    /// up, with thousands separators); <paramref name="rounded"/> is the value as written, for the caller's promotion to a
    /// bigger unit.
    /// </summary>
    private static string Significant(double magnitude, out double rounded)
    {
        if (magnitude == 0)
        {
            rounded = 0;
            return "0";
        }

        // Decimals for three significant digits: 2 in [1, 10), 1 in [10, 100), 0 from 100, one more per power of ten below 1.
        var decimals = 2;
        for (var bound = 1.0; magnitude < bound && decimals < 15; bound /= 10)
        {
            decimals++;
        }

        for (var bound = 10.0; magnitude >= bound && decimals > 0; bound *= 10)
        {
            decimals--;
        }

        rounded = Math.Round(magnitude, decimals, MidpointRounding.AwayFromZero);

        // 9.996 rounds to 10.00, which has four significant digits: one decimal fewer writes 10.0.
        if (decimals > 0 && rounded >= Math.Pow(10, 3 - decimals))
        {
            decimals--;
        }

        return rounded.ToString(decimals == 0 ? "#,0" : "0." + new string('0', decimals), Inv);
    }
}
