using MathNet.Numerics.Distributions;

namespace Pacer.Analysis.Statistics;

/// <summary>
/// Welch's unequal-variance t-test on the logarithms of positive, throughput-like values (requests per second, latencies).
/// Such metrics are multiplicative: noise scales with the level and effects are "x% faster", so the log scale makes them additive
/// and roughly symmetric, and a difference of log means turns back into a ratio of geometric means.
/// </summary>
public static class WelchTest
{
    /// <summary>
    /// Compares <paramref name="current"/> with <paramref name="baseline"/>, both lists of positive values (for example one
    /// throughput figure per run), and returns the ratio current/baseline of geometric means with its confidence interval and a
    /// two-sided p-value.
    /// </summary>
    /// <param name="baseline">The reference values; at least two, all positive.</param>
    /// <param name="current">The values to judge; at least two, all positive.</param>
    /// <param name="confidence">The confidence level of the interval, strictly between 0 and 1.</param>
    /// <returns>
    /// The ratio, its interval, the p-value and the degrees of freedom. When neither side varies at all, the interval collapses to
    /// the ratio, the p-value is 0 if the values differ and 1 if they are equal, and the degrees of freedom are n₁ + n₂ − 2
    /// (the Welch–Satterthwaite formula is 0/0 there; that is its limit when both variances shrink alike).
    /// </returns>
    /// <exception cref="ArgumentException">A side has fewer than two values, or a value is not positive and finite.</exception>
    public static WelchResult Compare(IReadOnlyList<double> baseline, IReadOnlyList<double> current, double confidence = 0.95)
    {
        SampleGuard.RequireConfidence(confidence);
        var logBaseline = SampleGuard.Logarithms(baseline, nameof(baseline), minimumCount: 2);
        var logCurrent = SampleGuard.Logarithms(current, nameof(current), minimumCount: 2);
        var difference = CompareMeans(logCurrent, logBaseline, confidence);
        return new WelchResult(
            Math.Exp(difference.Difference),
            Math.Exp(difference.Lower),
            Math.Exp(difference.Upper),
            difference.PValue,
            difference.DegreesOfFreedom);
    }

    /// <summary>
    /// Welch's t-test on the values as given: mean of <paramref name="first"/> minus mean of <paramref name="second"/>, with a
    /// <paramref name="confidence"/> interval. Both lists must hold at least two finite values (not checked here).
    /// </summary>
    internal static MeanDifference CompareMeans(IReadOnlyList<double> first, IReadOnlyList<double> second, double confidence)
    {
        var n1 = first.Count;
        var n2 = second.Count;
        var mean1 = SampleMoments.Mean(first);
        var mean2 = SampleMoments.Mean(second);
        var difference = mean1 - mean2;
        var share1 = SampleMoments.Variance(first, mean1) / n1;
        var share2 = SampleMoments.Variance(second, mean2) / n2;
        var squaredError = share1 + share2;
        if (squaredError == 0)
        {
            // No spread on either side: the data are what they are, any difference is certain.
            return difference == 0
                ? new MeanDifference(0, 0, 0, 0, 1, n1 + n2 - 2)
                : new MeanDifference(difference, difference, difference, difference > 0 ? double.PositiveInfinity : double.NegativeInfinity, 0, n1 + n2 - 2);
        }

        var standardError = Math.Sqrt(squaredError);
        var degreesOfFreedom = squaredError * squaredError / ((share1 * share1 / (n1 - 1)) + (share2 * share2 / (n2 - 1)));
        var t = difference / standardError;

        // Take the p-value from the lower tail: 1 − CDF(|t|) would cancel to zero long before the p-value does.
        var pValue = Math.Min(1, 2 * StudentT.CDF(0, 1, degreesOfFreedom, -Math.Abs(t)));
        var margin = StudentQuantile.UpperTail(degreesOfFreedom, (1 - confidence) / 2) * standardError;
        return new MeanDifference(difference, difference - margin, difference + margin, t, pValue, degreesOfFreedom);
    }
}
