using MathNet.Numerics.Distributions;

namespace Pacer.Analysis.Statistics;

/// <summary>
/// The Harrell–Davis quantile estimator (F. E. Harrell and C. E. Davis, "A new distribution-free quantile estimator",
/// Biometrika 69, 635–640, 1982). Where the usual sample quantile reads one or two order statistics, this averages all of them,
/// weighted by a Beta distribution centred on the quantile, so it moves smoothly as data change and is more efficient on the
/// small samples of a few runs.
/// </summary>
public static class HarrellDavis
{
    /// <summary>
    /// Estimates the <paramref name="probability"/> quantile of <paramref name="values"/>: Σᵢ Wᵢ·x₍ᵢ₎ over the sorted values, with
    /// Wᵢ = I((i)/n; a, b) − I((i − 1)/n; a, b), I the Beta(a, b) distribution function, a = p(n + 1) and b = (1 − p)(n + 1).
    /// Probability 0 gives the minimum and 1 the maximum (the limits of the estimator); one value is its own every quantile.
    /// </summary>
    /// <param name="values">The sample; at least one finite value, in any order.</param>
    /// <param name="probability">Which quantile, from 0 to 1 (0.5 for the median).</param>
    /// <exception cref="ArgumentException">The sample is empty or holds a value that is not finite.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="probability"/> is outside [0, 1].</exception>
    public static double Quantile(IReadOnlyList<double> values, double probability)
    {
        SampleGuard.RequireFinite(values, nameof(values), minimumCount: 1);
        if (!(probability >= 0 && probability <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(probability), probability, "The probability of a quantile must be between 0 and 1.");
        }

        var sorted = values.ToArray();
        Array.Sort(sorted);
        var n = sorted.Length;
        if (probability == 0 || n == 1)
        {
            return sorted[0];
        }

        if (probability == 1)
        {
            return sorted[^1];
        }

        var a = probability * (n + 1);
        var b = (1 - probability) * (n + 1);
        var estimate = 0.0;
        var previous = 0.0;
        for (var i = 1; i <= n; i++)
        {
            var cumulative = i == n ? 1 : Beta.CDF(a, b, (double)i / n);
            estimate += (cumulative - previous) * sorted[i - 1];
            previous = cumulative;
        }

        return estimate;
    }
}
