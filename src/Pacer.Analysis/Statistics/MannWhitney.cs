using MathNet.Numerics.Distributions;

namespace Pacer.Analysis.Statistics;

/// <summary>
/// The Mann–Whitney U test (Wilcoxon rank-sum test): does one sample tend to be larger than the other? It uses only ranks, so
/// a single wild run cannot dominate it the way it can a t-test.
/// </summary>
public static class MannWhitney
{
    /// <summary>
    /// Tests whether <paramref name="current"/> tends to differ from <paramref name="baseline"/>.
    /// The p-value is exact (from the permutation distribution of U) when there are no ties and a side has fewer than 8 values;
    /// otherwise it uses the normal approximation with the tie-corrected variance and a continuity correction of ½, which is
    /// also what small samples with ties get, as in R and SciPy, because the exact table assumes distinct values.
    /// </summary>
    /// <param name="baseline">The reference values; at least one.</param>
    /// <param name="current">The values to judge; at least one.</param>
    /// <returns>U for the current sample and the two-sided p-value.</returns>
    /// <exception cref="ArgumentException">A side is empty or holds a value that is not finite.</exception>
    public static MannWhitneyResult Test(IReadOnlyList<double> baseline, IReadOnlyList<double> current)
    {
        SampleGuard.RequireFinite(baseline, nameof(baseline), minimumCount: 1);
        SampleGuard.RequireFinite(current, nameof(current), minimumCount: 1);
        var n1 = baseline.Count;
        var n2 = current.Count;
        var ranks = RankSummary.Of(baseline, current);
        if (MannWhitneyNullDistribution.IsExactFor(n1, n2, ranks.HasTies))
        {
            // Without ties U is a whole number.
            var exact = new MannWhitneyNullDistribution(n1, n2).TwoSidedPValue((int)ranks.U);
            return new MannWhitneyResult(ranks.U, exact);
        }

        var sigma = ranks.NullStandardDeviation(n1, n2);
        if (sigma == 0)
        {
            // Every value is the same: there is nothing to rank, and no evidence of a difference.
            return new MannWhitneyResult(ranks.U, 1);
        }

        var z = (Math.Abs(ranks.U - ((double)n1 * n2 / 2)) - 0.5) / sigma;
        return new MannWhitneyResult(ranks.U, Math.Min(1, 2 * Normal.CDF(0, 1, -z)));
    }
}
