using System.Globalization;

namespace Pacer.Reports.Console;

/// <summary>Human-readable numbers for summaries: durations with a unit that fits (µs, ms, s), rates, bytes and counts.</summary>
internal static class Units
{
    /// <summary>A duration given in milliseconds, e.g. 412µs, 1.23ms, 12.4ms, 1.35s.</summary>
    public static string Duration(double ms)
    {
        if (double.IsNaN(ms))
        {
            return "-";
        }

        return ms switch
        {
            < 1 => Format(ms * 1000, "µs"),
            < 1000 => Format(ms, "ms"),
            < 60_000 => Format(ms / 1000, "s"),
            _ => Format(ms / 60_000, "m"),
        };

        static string Format(double v, string unit) =>
            (v >= 100 ? v.ToString("0", CultureInfo.InvariantCulture)
            : v >= 10 ? v.ToString("0.0", CultureInfo.InvariantCulture)
            : v.ToString("0.00", CultureInfo.InvariantCulture)) + unit;
    }

    /// <summary>A per-second rate, e.g. 2,000.0/s.</summary>
    public static string Rate(double perSecond) => perSecond.ToString("#,0.0", CultureInfo.InvariantCulture) + "/s";

    /// <summary>A count with thousands separators.</summary>
    public static string Count(long n) => n.ToString("#,0", CultureInfo.InvariantCulture);

    /// <summary>A fraction as a percentage, e.g. 0.25%.</summary>
    public static string Percent(double fraction) => (fraction * 100).ToString(fraction is > 0 and < 0.001 ? "0.000" : "0.00", CultureInfo.InvariantCulture) + "%";

    /// <summary>A byte count, e.g. 12.3 MB (decimal units, as k6 prints them).</summary>
    public static string Bytes(double bytes)
    {
        string[] units = ["B", "kB", "MB", "GB", "TB"];
        var i = 0;
        while (bytes >= 1000 && i < units.Length - 1)
        {
            bytes /= 1000;
            i++;
        }

        return bytes.ToString(i == 0 ? "0" : "0.0", CultureInfo.InvariantCulture) + " " + units[i];
    }
}
