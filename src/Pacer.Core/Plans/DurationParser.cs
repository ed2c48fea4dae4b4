using System.Globalization;
using System.Text.RegularExpressions;

namespace Pacer.Core.Plans;

/// <summary>Durations as k6 and Go write them: <c>500ms</c>, <c>30s</c>, <c>1m30s</c>, <c>2h</c>, <c>1.5s</c>, <c>250us</c>. A bare number is rejected: its unit would be a guess.</summary>
public static partial class DurationParser
{
    /// <summary>The hint shown with a bad duration.</summary>
    public const string Hint = "durations look like 500ms, 30s, 1m30s, 2h";

    /// <summary>Parses <paramref name="text"/>; false when it is not a duration.</summary>
    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var trimmed = text.Trim();
        var matches = Part().Matches(trimmed);
        if (matches.Count == 0 || matches.Sum(m => m.Length) != trimmed.Length)
        {
            return false;
        }

        double ms = 0;
        foreach (Match m in matches)
        {
            var number = double.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture);
            ms += number * m.Groups["u"].Value switch
            {
                "h" => 3_600_000,
                "m" => 60_000,
                "s" => 1000,
                "ms" => 1,
                _ => 0.001, // us, µs
            };
        }

        if (ms > TimeSpan.MaxValue.TotalMilliseconds / 2)
        {
            return false;
        }

        value = TimeSpan.FromTicks((long)Math.Round(ms * TimeSpan.TicksPerMillisecond));
        return true;
    }

    [GeneratedRegex(@"(?<n>[0-9]+(?:\.[0-9]+)?)(?<u>ms|us|µs|h|m|s)", RegexOptions.CultureInvariant)]
    private static partial Regex Part();
}
