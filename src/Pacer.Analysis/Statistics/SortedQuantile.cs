namespace Pacer.Analysis.Statistics;

/// <summary>Sample quantiles of already sorted data.</summary>
internal static class SortedQuantile
{
    /// <summary>
    /// The <paramref name="probability"/> quantile of <paramref name="sorted"/> by linear interpolation between order statistics
    /// (Hyndman &amp; Fan type 7, the default of R, NumPy and Excel's PERCENTILE.INC).
    /// </summary>
    public static double Linear(IReadOnlyList<double> sorted, double probability)
    {
        var position = probability * (sorted.Count - 1);
        var below = (int)Math.Floor(position);
        if (below >= sorted.Count - 1)
        {
            return sorted[^1];
        }

        var fraction = position - below;
        return sorted[below] + (fraction * (sorted[below + 1] - sorted[below]));
    }
}
