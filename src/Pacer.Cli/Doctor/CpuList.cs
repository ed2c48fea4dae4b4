using System.Globalization;

namespace Pacer.Cli.Doctor;

/// <summary>The kernel's CPU list format ("0-3,8,10-11", as in Cpus_allowed_list and /sys/devices/system/cpu/online).</summary>
internal static class CpuList
{
    /// <summary>How many CPUs <paramref name="text"/> names; null when it is not a CPU list.</summary>
    public static int? Count(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var count = 0;
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var bounds = part.Split('-');
            if (bounds.Length is < 1 or > 2
                || !int.TryParse(bounds[0], NumberStyles.None, CultureInfo.InvariantCulture, out var first)
                || !int.TryParse(bounds[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var last)
                || last < first)
            {
                return null;
            }

            count += last - first + 1;
        }

        return count;
    }
}
