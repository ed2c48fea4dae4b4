namespace Pacer.Analysis.Statistics;

/// <summary>
/// Reads an interval and its p-value from one set of resampled ratios, so the two cannot disagree: a p-value taken from another
/// test (a rank test over every request, Welch on something else) can call a change significant whose interval includes no
/// change at all.
/// </summary>
internal static class BootstrapDistribution
{
    /// <summary>
    /// The percentile interval (linear interpolation between order statistics) of <paramref name="ratios"/> and the p-value of
    /// ratio 1 by inverting it. <paramref name="expansion"/> &gt; 1 first stretches every resampled log ratio away from the point
    /// estimate by that factor: a percentile interval from few independent blocks or runs is too narrow (its spread has the
    /// bias of n rather than n − 1, and a normal rather than a t shape), and stretching the distribution itself keeps the
    /// interval and the p-value one procedure. Sorts <paramref name="ratios"/> in place.
    /// </summary>
    public static BootstrapRatio Summarize(double ratio, double[] ratios, double confidence, double expansion = 1)
    {
        if (expansion != 1 && ratio > 0)
        {
            var center = Math.Log(ratio);
            for (var i = 0; i < ratios.Length; i++)
            {
                if (ratios[i] > 0 && double.IsFinite(ratios[i]))
                {
                    ratios[i] = Math.Exp(center + (expansion * (Math.Log(ratios[i]) - center)));
                }
            }
        }

        Array.Sort(ratios);
        var tail = (1 - confidence) / 2;
        return new BootstrapRatio(ratio, SortedQuantile.Linear(ratios, tail), SortedQuantile.Linear(ratios, 1 - tail), ratios.Length)
        {
            // Resampling cannot tell apart p-values below 1 / (resamples + 1): say that rather than 0, unless so few resamples
            // were drawn that the floor would come near 1 − confidence and contradict an interval that leaves out 1.
            PValue = Math.Max(PValueOfOne(ratios), 1.0 / (ratios.Length + 1) < (1 - confidence) / 2 ? 1.0 / (ratios.Length + 1) : 0),
        };
    }

    /// <summary>
    /// The smallest α for which the percentile interval [Q(α/2), Q(1 − α/2)] of <paramref name="sorted"/> (Q the linear
    /// interpolation of <see cref="SortedQuantile.Linear"/>) leaves out 1: Q is continuous and non-decreasing, so
    /// Q(α/2) &gt; 1 exactly when α/2 is above the last probability t with Q(t) ≤ 1, and Q(1 − α/2) &lt; 1 exactly when
    /// 1 − α/2 is below the first t with Q(t) ≥ 1. Resampled ratios equal to 1 count against a change on both sides.
    /// 0 when every ratio lies on one side of 1.
    /// </summary>
    public static double PValueOfOne(double[] sorted)
    {
        var n = sorted.Length;
        if (n < 2)
        {
            return 1;
        }

        var steps = n - 1.0;

        // Last probability with Q(t) ≤ 1.
        var last = Array.FindLastIndex(sorted, r => r <= 1);
        var below = last < 0 ? 0
            : last == n - 1 ? 1
            : (last + ((1 - sorted[last]) / (sorted[last + 1] - sorted[last]))) / steps;

        // First probability with Q(t) ≥ 1.
        var first = Array.FindIndex(sorted, r => r >= 1);
        var above = first < 0 ? 1
            : first == 0 ? 0
            : (first - 1 + ((1 - sorted[first - 1]) / (sorted[first] - sorted[first - 1]))) / steps;

        return Math.Clamp(2 * Math.Min(below, 1 - above), 0, 1);
    }
}
