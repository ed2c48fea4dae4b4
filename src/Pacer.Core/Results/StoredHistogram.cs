using Pacer.Core.Recording;

namespace Pacer.Core.Results;

/// <summary>Percentiles of a histogram stored in a result, in the result's unit (milliseconds).</summary>
internal static class StoredHistogram
{
    /// <summary>
    /// The value at <paramref name="percentile"/> of <paramref name="encoded"/>, in milliseconds. A decoded histogram knows its
    /// smallest and largest values only to bucket precision, while the live one that wrote the stored percentiles knew them
    /// exactly; clamping to the stored exact <paramref name="minMs"/> and <paramref name="maxMs"/> gives the same answer the
    /// live histogram gave, so a recomputed p99 can never disagree with the stored one.
    /// </summary>
    public static double PercentileMs(string encoded, double percentile, double minMs, double maxMs)
    {
        var histogram = LatencyHistogram.Decode(encoded);
        if (histogram.TotalCount == 0)
        {
            return 0;
        }

        var ms = histogram.ValueAtPercentile(percentile) / 1000.0;
        return minMs <= maxMs ? Math.Clamp(ms, minMs, maxMs) : ms;
    }
}
