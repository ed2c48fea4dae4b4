using System.Globalization;
using System.Text.RegularExpressions;

namespace Pacer.Cli.Pipeline;

/// <summary>
/// Parses a size given on the command line: a number of bytes with an optional unit, decimal as Pacer writes sizes (B, kB, MB,
/// GB: powers of 1000) or binary (KiB, MiB, GiB): <c>16kB</c>, <c>1.5 MB</c>, <c>64KiB</c>, <c>4096</c>.
/// </summary>
internal static partial class ByteSizeOption
{
    public static long Parse(string text, string option)
    {
        var match = Size().Match(text);
        if (match.Success && double.TryParse(match.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            var unit = match.Groups[2].Value.ToUpperInvariant() switch
            {
                "" or "B" => 1.0,
                "KB" => 1e3,
                "MB" => 1e6,
                "GB" => 1e9,
                "KIB" => 1024.0,
                "MIB" => 1024.0 * 1024,
                "GIB" => 1024.0 * 1024 * 1024,
                _ => double.NaN,
            };
            var bytes = number * unit;
            if (double.IsFinite(bytes) && bytes <= long.MaxValue)
            {
                return (long)Math.Round(bytes);
            }
        }

        throw new UsageException($"{option} '{text}' is not a size (sizes look like 16kB, 1.5MB, 64KiB or a number of bytes)");
    }

    [GeneratedRegex(@"^\s*([0-9]+(?:\.[0-9]+)?)\s*([a-zA-Z]*)\s*$")]
    private static partial Regex Size();
}
