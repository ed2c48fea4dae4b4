namespace Pacer.Analysis.Statistics;

/// <summary>
/// Whether a sample looks like a mix of two groups, for example runs that sometimes hit a cold cache. A mean or a t-test of
/// such data describes neither group, so a comparison should say so rather than report a ratio.
/// </summary>
public static class Modality
{
    /// <summary>
    /// The bimodality coefficient above which a sample is called bimodal: 5/9 ≈ 0.555 is the coefficient of a uniform
    /// distribution, the flattest unimodal shape; two separated groups push the coefficient above it.
    /// </summary>
    public const double BimodalThreshold = 0.555;

    /// <summary>The fewest values <see cref="LooksBimodal"/> will judge; skewness and kurtosis of fewer are too noisy to mean anything.</summary>
    public const int MinimumCount = 10;

    /// <summary>
    /// Whether <paramref name="values"/> look bimodal: at least <see cref="MinimumCount"/> values, not all equal, with a
    /// <see cref="BimodalityCoefficient"/> above <see cref="BimodalThreshold"/>. It is a screening heuristic: a heavily skewed
    /// unimodal sample can also score high, and fewer than 10 values are never called bimodal.
    /// </summary>
    /// <param name="values">The sample; finite values.</param>
    /// <exception cref="ArgumentException">A value is not finite.</exception>
    public static bool LooksBimodal(IReadOnlyList<double> values)
    {
        SampleGuard.RequireFinite(values, nameof(values), minimumCount: 0);
        if (values.Count < MinimumCount)
        {
            return false;
        }

        var mean = SampleMoments.Mean(values);
        return SampleMoments.Variance(values, mean) > 0 && BimodalityCoefficient(values) > BimodalThreshold;
    }

    /// <summary>
    /// The sample bimodality coefficient (SAS Institute's definition; see Pfister et al., "Good things peak in pairs",
    /// Frontiers in Psychology 4:700, 2013): (g² + 1) / (k + 3(n − 1)² / ((n − 2)(n − 3))), with g the sample skewness and k the
    /// sample excess kurtosis, both with the usual small-sample bias corrections (G₁ and G₂, as Excel's SKEW and KURT).
    /// The second denominator term tends to 3 as n grows, turning excess kurtosis back into plain kurtosis with a small-sample
    /// correction; the coefficient is then about 1/3 for normal data, 5/9 for uniform data and approaches 1 for two
    /// well-separated groups of similar size.
    /// </summary>
    /// <param name="values">At least four finite values, not all equal.</param>
    /// <exception cref="ArgumentException">Fewer than four values, a value not finite, or all values equal.</exception>
    public static double BimodalityCoefficient(IReadOnlyList<double> values)
    {
        SampleGuard.RequireFinite(values, nameof(values), minimumCount: 4);
        var n = (double)values.Count;
        var mean = SampleMoments.Mean(values);
        if (SampleMoments.Variance(values, mean) == 0)
        {
            throw new ArgumentException("All values are equal; a sample without spread has no shape to judge.", nameof(values));
        }

        // Central moments with divisor n, from which the bias-corrected G₁ and G₂ are built.
        double m2 = 0, m3 = 0, m4 = 0;
        foreach (var value in values)
        {
            var d = value - mean;
            var d2 = d * d;
            m2 += d2;
            m3 += d2 * d;
            m4 += d2 * d2;
        }

        m2 /= n;
        m3 /= n;
        m4 /= n;
        var skewness = Math.Sqrt(n * (n - 1)) / (n - 2) * m3 / Math.Pow(m2, 1.5);
        var excessKurtosis = (n - 1) / ((n - 2) * (n - 3)) * (((n + 1) * m4 / (m2 * m2)) - (3 * (n - 1)));
        return ((skewness * skewness) + 1) / (excessKurtosis + (3 * (n - 1) * (n - 1) / ((n - 2) * (n - 3))));
    }
}
