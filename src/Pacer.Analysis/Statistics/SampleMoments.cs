namespace Pacer.Analysis.Statistics;

/// <summary>Mean and variance of a sample, computed in two passes for accuracy.</summary>
internal static class SampleMoments
{
    /// <summary>The arithmetic mean of <paramref name="values"/> (which must not be empty).</summary>
    public static double Mean(IReadOnlyList<double> values)
    {
        var sum = 0.0;
        for (var i = 0; i < values.Count; i++)
        {
            sum += values[i];
        }

        return sum / values.Count;
    }

    /// <summary>
    /// The unbiased sample variance (divisor n − 1) of at least two values. Exactly zero when all values are equal:
    /// rounding in the mean would otherwise leave a tiny positive variance, and callers branch on "no spread at all".
    /// </summary>
    public static double Variance(IReadOnlyList<double> values, double mean)
    {
        var allEqual = true;
        var sum = 0.0;
        for (var i = 0; i < values.Count; i++)
        {
            allEqual &= values[i] == values[0];
            var deviation = values[i] - mean;
            sum += deviation * deviation;
        }

        return allEqual ? 0 : sum / (values.Count - 1);
    }
}
