using Pacer.Core.Recording;

namespace Pacer.Reports.Html;

/// <summary>Reads a latency-by-percentile curve out of an encoded histogram, for the spectrum chart and the per-request sparklines.</summary>
internal static class PercentileSpectrum
{
    /// <summary>The percentiles plotted: evenly up to 90, then by nines, where the tail people care about lives.</summary>
    public static IReadOnlyList<double> Percentiles { get; } = [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 95, 99, 99.5, 99.9, 99.95, 99.99, 99.999];

    /// <summary>The spectrum of every request of a run (its <c>http_req_duration</c> histogram); empty when it has none.</summary>
    public static IReadOnlyList<(double X, double Y)> OfRun(Pacer.Core.Results.RunResult run) =>
        FromEncoded(run.Metrics.TryGetValue("http_req_duration", out var duration) ? duration.Histogram : null);

    /// <summary>(percentile, latency in ms) points; empty when there is no histogram, it cannot be decoded, or it holds no samples.</summary>
    public static IReadOnlyList<(double X, double Y)> FromEncoded(string? histogram)
    {
        if (string.IsNullOrEmpty(histogram))
        {
            return [];
        }

        LatencyHistogram decoded;
        try
        {
            decoded = LatencyHistogram.Decode(histogram);
        }
        catch (FormatException)
        {
            // A damaged histogram should cost one chart, not the whole report.
            return [];
        }

        if (decoded.TotalCount == 0)
        {
            return [];
        }

        // The histogram holds microseconds; everything else in the report is milliseconds.
        return Percentiles.Select(p => (p, decoded.ValueAtPercentile(p) / 1000.0)).ToList();
    }
}
