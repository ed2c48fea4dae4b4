using MathNet.Numerics.Distributions;

namespace Pacer.Analysis.Statistics;

/// <summary>
/// Quantiles of Student's t distribution. MathNet's own <c>StudentT.InvCDF</c> is documented as "slow and unreliable", so this
/// solves CDF(−t) = tail with safeguarded Newton steps on MathNet's (accurate) CDF and density instead.
/// </summary>
internal static class StudentQuantile
{
    /// <summary>The t with P(T &gt; t) = <paramref name="tail"/> for <paramref name="degreesOfFreedom"/> &gt; 0 and 0 &lt; tail ≤ 0.5.</summary>
    public static double UpperTail(double degreesOfFreedom, double tail)
    {
        if (tail >= 0.5)
        {
            return 0;
        }

        // Bracket the root: CDF(−t) falls from 0.5 at t = 0 towards 0, so double the upper end until it is below the tail.
        var low = 0.0;
        var high = Math.Max(1, -Normal.InvCDF(0, 1, tail));
        while (StudentT.CDF(0, 1, degreesOfFreedom, -high) > tail)
        {
            low = high;
            high *= 2;
        }

        // Start from the normal quantile (exact as the degrees of freedom grow), kept inside the bracket.
        var t = Math.Clamp(-Normal.InvCDF(0, 1, tail), low, high);
        for (var iteration = 0; iteration < 200; iteration++)
        {
            var excess = StudentT.CDF(0, 1, degreesOfFreedom, -t) - tail;
            if (excess > 0)
            {
                low = t;
            }
            else
            {
                high = t;
            }

            // d/dt CDF(−t) = −pdf(t), so Newton moves t by excess / pdf(t); fall back to bisection when that leaves the bracket.
            var next = t + (excess / StudentT.PDF(0, 1, degreesOfFreedom, t));
            if (!(next > low && next < high))
            {
                next = (low + high) / 2;
            }

            if (Math.Abs(next - t) <= 1e-14 * Math.Max(1, t))
            {
                return next;
            }

            t = next;
        }

        return t;
    }
}
