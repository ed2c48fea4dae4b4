namespace Pacer.Analysis.Statistics;

/// <summary>
/// The Wilson score interval for one proportion (without continuity correction): the proportions p for which |p̂ − p| is within
/// z standard errors √(p(1 − p)/n). Unlike p̂ ± z·√(p̂(1 − p̂)/n) it stays inside [0, 1] and does not collapse when p̂ is 0 or 1.
/// </summary>
internal static class WilsonInterval
{
    /// <summary>The interval for <paramref name="successes"/> out of <paramref name="total"/> at normal quantile <paramref name="z"/>.</summary>
    public static (double Lower, double Upper) For(int successes, int total, double z)
    {
        var n = (double)total;
        var p = successes / n;
        var zz = z * z;
        var denominator = 1 + (zz / n);
        var centre = (p + (zz / (2 * n))) / denominator;
        var halfWidth = z / denominator * Math.Sqrt((p * (1 - p) / n) + (zz / (4 * n * n)));

        // At p̂ = 0 or 1 one bound is exactly 0 or 1 in exact arithmetic; do not let rounding push it a hair past.
        return (Math.Max(0, centre - halfWidth), Math.Min(1, centre + halfWidth));
    }
}
