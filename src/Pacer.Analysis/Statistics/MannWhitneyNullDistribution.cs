namespace Pacer.Analysis.Statistics;

/// <summary>
/// The exact distribution of the Mann–Whitney U statistic when both samples come from one continuous distribution (no ties):
/// every assignment of ranks to the two samples is equally likely, so P(U = u) is the number of assignments with that U over
/// C(n₁ + n₂, n₁).
/// </summary>
internal sealed class MannWhitneyNullDistribution
{
    /// <summary>
    /// The largest n₁·n₂ worked out exactly; above it the normal approximation is used. One side still has fewer than 8 values
    /// there, so the other has over 125,000, where the normal approximation is excellent and the table would cost megabytes.
    /// </summary>
    public const int MaximumPairs = 1_000_000;

    /// <summary>P(U ≤ u) for u = 0 … n₁·n₂.</summary>
    private readonly double[] cumulative;

    /// <summary>Tabulates the distribution for samples of <paramref name="n1"/> and <paramref name="n2"/> values.</summary>
    public MannWhitneyNullDistribution(int n1, int n2)
    {
        var small = Math.Min(n1, n2);
        var large = Math.Max(n1, n2);
        var size = (small * large) + 1;

        // The counts are the coefficients of the Gaussian binomial [n₁ + n₂ choose n₁]_q = Π_{i=1..small} (1 − q^(large+i)) / (1 − q^i).
        // Multiplying by the numerator and dividing by the denominator factor by factor takes O(small · n₁n₂) steps, and every
        // partial product is again a Gaussian binomial, so the counts stay exact integers while they fit a double's mantissa.
        var counts = new double[size];
        counts[0] = 1;
        for (var i = 1; i <= small; i++)
        {
            for (var k = size - 1; k >= large + i; k--)
            {
                counts[k] -= counts[k - large - i];
            }

            for (var k = i; k < size; k++)
            {
                counts[k] += counts[k - i];
            }
        }

        var total = 0.0;
        foreach (var count in counts)
        {
            total += count;
        }

        cumulative = new double[size];
        var running = 0.0;
        for (var u = 0; u < size; u++)
        {
            running += counts[u];
            cumulative[u] = running / total;
        }
    }

    /// <summary>The largest value U can take, n₁·n₂.</summary>
    public int MaximumU => cumulative.Length - 1;

    /// <summary>Whether samples this size are tabulated exactly rather than approximated; see <see cref="MaximumPairs"/>.</summary>
    public static bool IsExactFor(int n1, int n2, bool hasTies) =>
        !hasTies && (n1 < 8 || n2 < 8) && (long)n1 * n2 <= MaximumPairs;

    /// <summary>P(U ≤ <paramref name="u"/>).</summary>
    public double AtMost(int u) => u < 0 ? 0 : u >= MaximumU ? 1 : cumulative[u];

    /// <summary>
    /// The two-sided p-value of an observed U: twice the smaller tail, capped at 1 (as R and SciPy compute it). The upper tail
    /// P(U ≥ u) is read as P(U ≤ n₁n₂ − u) by symmetry, since 1 − P(U ≤ u − 1) would cancel away a small tail.
    /// </summary>
    public double TwoSidedPValue(int u) => Math.Min(1, 2 * Math.Min(AtMost(u), AtMost(MaximumU - u)));
}
