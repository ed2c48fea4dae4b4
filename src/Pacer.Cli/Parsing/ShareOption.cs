using System.Globalization;

namespace Pacer.Cli.Parsing;

/// <summary>
/// A command-line share, written as a percentage (<c>5%</c>) or a fraction (<c>0.05</c>), within the bounds its option allows.
/// One reader for every option that takes a share (compare's thresholds, capacity's precision and headroom, history's
/// threshold), so each says what it expects in the same words.
/// </summary>
internal static class ShareOption
{
    /// <summary>The share <paramref name="text"/> stands for, as a fraction.</summary>
    /// <param name="text">What the user wrote.</param>
    /// <param name="option">The option's name, for the message.</param>
    /// <param name="zeroAllowed">Whether 0 itself is allowed (otherwise the share must be above 0).</param>
    /// <param name="max">The largest share, as a fraction.</param>
    /// <param name="maxAllowed">Whether <paramref name="max"/> itself is allowed (otherwise the share must be below it).</param>
    /// <exception cref="UsageException">Not a number, or out of bounds; the message names the option and the bounds.</exception>
    public static double Parse(string text, string option, bool zeroAllowed, double max, bool maxAllowed)
    {
        var trimmed = text.Trim();
        var percent = trimmed.EndsWith('%');
        if (!double.TryParse(percent ? trimmed[..^1] : trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            throw new UsageException($"{option} '{text}' is not a share: write a percentage like 5% or a fraction like 0.05");
        }

        value = percent ? value / 100 : value;
        var low = zeroAllowed ? value >= 0 : value > 0;
        var high = maxAllowed ? value <= max : value < max;
        if (low && high)
        {
            return value;
        }

        var top = (max * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%";
        throw new UsageException($"{option} '{text}' must be {(zeroAllowed ? "from 0%" : "above 0%")} {(maxAllowed ? "up to" : "and below")} {top}");
    }
}
