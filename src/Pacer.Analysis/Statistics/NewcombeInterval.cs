using MathNet.Numerics.Distributions;

namespace Pacer.Analysis.Statistics;

/// <summary>
/// A confidence interval for the difference of two independent proportions, such as error rates of two runs, by Newcombe's
/// hybrid score method (method 10 in R. G. Newcombe, "Interval estimation for the difference between independent proportions:
/// comparison of eleven methods", Statistics in Medicine 17, 873–890, 1998). It combines the two Wilson score intervals and,
/// unlike the textbook Wald interval, behaves well with few failures or none at all.
/// </summary>
public static class NewcombeInterval
{
    /// <summary>
    /// The difference pCurrent − pBase of the failure proportions with its interval: with Wilson intervals (l₁, u₁) for pCurrent
    /// and (l₂, u₂) for pBase, the bounds are δ − √((pCurrent − l₁)² + (u₂ − pBase)²) and δ + √((u₁ − pCurrent)² + (pBase − l₂)²).
    /// </summary>
    /// <param name="failuresBase">Failures in the baseline, 0 to <paramref name="totalBase"/>.</param>
    /// <param name="totalBase">Attempts in the baseline; at least one.</param>
    /// <param name="failuresCurrent">Failures in the current run, 0 to <paramref name="totalCurrent"/>.</param>
    /// <param name="totalCurrent">Attempts in the current run; at least one.</param>
    /// <param name="confidence">The confidence level of the interval, strictly between 0 and 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">A total is not positive, or failures are negative or exceed their total.</exception>
    public static ProportionDifference Difference(int failuresBase, int totalBase, int failuresCurrent, int totalCurrent, double confidence = 0.95)
    {
        SampleGuard.RequireConfidence(confidence);
        RequireCounts(failuresBase, totalBase, nameof(failuresBase), nameof(totalBase));
        RequireCounts(failuresCurrent, totalCurrent, nameof(failuresCurrent), nameof(totalCurrent));
        var z = -Normal.InvCDF(0, 1, (1 - confidence) / 2);
        return At(failuresBase, totalBase, failuresCurrent, totalCurrent, z);
    }

    /// <summary>
    /// Two-sided p-value of "no difference" by inverting <see cref="Difference"/>: the smallest 1 − confidence whose interval
    /// leaves out 0, so the interval at any confidence excludes 0 exactly when this is below 1 − confidence (a separate z
    /// test could disagree with the interval shown next to it). 1 when the proportions are equal.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A total is not positive, or failures are negative or exceed their total.</exception>
    public static double PValue(int failuresBase, int totalBase, int failuresCurrent, int totalCurrent)
    {
        RequireCounts(failuresBase, totalBase, nameof(failuresBase), nameof(totalBase));
        RequireCounts(failuresCurrent, totalCurrent, nameof(failuresCurrent), nameof(totalCurrent));
        bool Excludes(double z)
        {
            var d = At(failuresBase, totalBase, failuresCurrent, totalCurrent, z);
            return d.Lower > 0 || d.Upper < 0;
        }

        if (!Excludes(0))
        {
            return 1;
        }

        // The interval widens as z grows, so "leaves out 0" holds below one z and fails above it: bisect for that z.
        var (low, high) = (0.0, 40.0);
        if (Excludes(high))
        {
            return 2 * Normal.CDF(0, 1, -high);
        }

        for (var i = 0; i < 100 && high - low > 1e-12; i++)
        {
            var mid = (low + high) / 2;
            (low, high) = Excludes(mid) ? (mid, high) : (low, mid);
        }

        return 2 * Normal.CDF(0, 1, -high);
    }

    private static ProportionDifference At(int failuresBase, int totalBase, int failuresCurrent, int totalCurrent, double z)
    {
        var pBase = (double)failuresBase / totalBase;
        var pCurrent = (double)failuresCurrent / totalCurrent;
        var (lowerBase, upperBase) = WilsonInterval.For(failuresBase, totalBase, z);
        var (lowerCurrent, upperCurrent) = WilsonInterval.For(failuresCurrent, totalCurrent, z);
        var difference = pCurrent - pBase;
        var lower = difference - Math.Sqrt(Square(pCurrent - lowerCurrent) + Square(upperBase - pBase));
        var upper = difference + Math.Sqrt(Square(upperCurrent - pCurrent) + Square(pBase - lowerBase));
        return new ProportionDifference(difference, lower, upper);
    }

    /// <summary>Throws unless 0 ≤ failures ≤ total and total ≥ 1.</summary>
    private static void RequireCounts(int failures, int total, string failuresName, string totalName)
    {
        if (total < 1)
        {
            throw new ArgumentOutOfRangeException(totalName, total, "A proportion needs at least one attempt.");
        }

        if (failures < 0 || failures > total)
        {
            throw new ArgumentOutOfRangeException(failuresName, failures, $"Failures must be between 0 and the total ({total}).");
        }
    }

    /// <summary>x².</summary>
    private static double Square(double x) => x * x;
}
