namespace Pacer.Analysis.Statistics;

/// <summary>How noisy a set of repeated measurements is.</summary>
public static class Noise
{
    /// <summary>
    /// The coefficient of variation: sample standard deviation (divisor n − 1) over the mean, e.g. 0.04 when runs typically
    /// differ from their mean by 4%. Meaningful for positive, ratio-scale values such as throughput or latency.
    /// </summary>
    /// <param name="values">At least two finite values with a non-zero mean.</param>
    /// <exception cref="ArgumentException">Fewer than two values, a value not finite, or a mean of zero.</exception>
    public static double CoefficientOfVariation(IReadOnlyList<double> values)
    {
        SampleGuard.RequireFinite(values, nameof(values), minimumCount: 2);
        var mean = SampleMoments.Mean(values);
        if (mean == 0)
        {
            throw new ArgumentException("The values have a mean of zero, relative to which no spread can be expressed.", nameof(values));
        }

        return Math.Sqrt(SampleMoments.Variance(values, mean)) / Math.Abs(mean);
    }
}
