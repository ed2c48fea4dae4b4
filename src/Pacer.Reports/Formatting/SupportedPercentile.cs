namespace Pacer.Reports.Formatting;

/// <summary>
/// Which high percentiles a sample count supports. Under 1,000 samples the 99.9th percentile is the maximum by another name:
/// every report leaves it blank there (the console and Markdown with <see cref="Units.Missing"/>, the HTML with a reason), so
/// a p99.9 column never reads as a finer figure than the data holds.
/// </summary>
internal static class SupportedPercentile
{
    /// <summary>The fewest samples for which a p99.9 is not simply the maximum.</summary>
    public const long MinSamplesForP999 = 1000;

    /// <summary><paramref name="p999"/> when <paramref name="samples"/> support it, otherwise null.</summary>
    public static double? P999(long samples, double? p999) => samples >= MinSamplesForP999 ? p999 : null;
}
