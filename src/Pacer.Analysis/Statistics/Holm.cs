namespace Pacer.Analysis.Statistics;

/// <summary>
/// Holm's step-down adjustment of p-values for multiple comparisons (S. Holm, "A simple sequentially rejective multiple test
/// procedure", Scandinavian Journal of Statistics 6, 65–70, 1979). Comparing many metrics at once makes some look significant by
/// chance; rejecting where the adjusted p-value is below α keeps the chance of any false alarm at most α, with no assumption
/// about how the metrics depend on each other, and it is never less powerful than Bonferroni.
/// </summary>
public static class Holm
{
    /// <summary>
    /// Adjusts <paramref name="pValues"/>: sorted ascending as p₍₁₎ ≤ … ≤ p₍ₘ₎, the i-th becomes max over j ≤ i of
    /// min(1, (m − j + 1)·p₍ⱼ₎), the running maximum keeping the adjusted values in the same order as the raw ones.
    /// </summary>
    /// <param name="pValues">The raw p-values, each from 0 to 1; may be empty.</param>
    /// <returns>The adjusted p-values, in the same order as <paramref name="pValues"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A p-value is outside [0, 1] or not a number.</exception>
    public static IReadOnlyList<double> Adjust(IReadOnlyList<double> pValues)
    {
        ArgumentNullException.ThrowIfNull(pValues);
        var m = pValues.Count;
        for (var i = 0; i < m; i++)
        {
            if (!(pValues[i] >= 0 && pValues[i] <= 1))
            {
                throw new ArgumentOutOfRangeException(nameof(pValues), pValues[i], $"pValues[{i}] must be between 0 and 1.");
            }
        }

        // A stable sort by p-value: equal p-values then get equal adjusted values through the running maximum.
        var order = Enumerable.Range(0, m).OrderBy(i => pValues[i]).ToArray();
        var adjusted = new double[m];
        var runningMaximum = 0.0;
        for (var rank = 0; rank < m; rank++)
        {
            var index = order[rank];
            runningMaximum = Math.Max(runningMaximum, Math.Min(1, (m - rank) * pValues[index]));
            adjusted[index] = runningMaximum;
        }

        return adjusted;
    }
}
