using MathNet.Numerics.Distributions;

namespace Pacer.Analysis.Statistics;

/// <summary>
/// The Hodges–Lehmann estimator of the shift between two samples, with the distribution-free confidence interval that inverts
/// the Mann–Whitney test (Hollander &amp; Wolfe, Nonparametric Statistical Methods, §4.3; the interval R's wilcox.test reports).
/// It forms all n₁·n₂ pairwise differences, so it is meant for per-run summaries, not for millions of raw samples.
/// </summary>
public static class HodgesLehmann
{
    /// <summary>
    /// Estimates by how much <paramref name="current"/> is shifted from <paramref name="baseline"/>: the median of all pairwise
    /// differences current − baseline. The interval runs from the k-th smallest to the k-th largest difference, k from the
    /// Mann–Whitney null distribution: exact when there are no ties and a side has fewer than 8 values, otherwise
    /// k = round(n₁n₂/2 − z·σ) with σ the tie-corrected standard deviation of U. When the samples are too small for the
    /// requested confidence (the whole exact distribution is within the tails), k is 1 and the interval spans every difference.
    /// </summary>
    /// <param name="baseline">The reference values; at least one.</param>
    /// <param name="current">The values to judge; at least one.</param>
    /// <param name="confidence">The confidence level of the interval, strictly between 0 and 1.</param>
    /// <exception cref="ArgumentException">A side is empty or holds a value that is not finite.</exception>
    public static HodgesLehmannEstimate Shift(IReadOnlyList<double> baseline, IReadOnlyList<double> current, double confidence = 0.95)
    {
        SampleGuard.RequireConfidence(confidence);
        SampleGuard.RequireFinite(baseline, nameof(baseline), minimumCount: 1);
        SampleGuard.RequireFinite(current, nameof(current), minimumCount: 1);
        return Estimate(baseline, current, confidence);
    }

    /// <summary>
    /// Like <see cref="Shift"/>, on the logarithms of positive values, with the result turned back by exp: the estimate is the
    /// median of the pairwise ratios current/baseline and the interval bounds are ratios too. Suits throughput-like data, whose
    /// changes are proportional.
    /// </summary>
    /// <param name="baseline">The reference values; at least one, all positive.</param>
    /// <param name="current">The values to judge; at least one, all positive.</param>
    /// <param name="confidence">The confidence level of the interval, strictly between 0 and 1.</param>
    /// <exception cref="ArgumentException">A side is empty or holds a value that is not positive and finite.</exception>
    public static HodgesLehmannEstimate Ratio(IReadOnlyList<double> baseline, IReadOnlyList<double> current, double confidence = 0.95)
    {
        SampleGuard.RequireConfidence(confidence);
        var logBaseline = SampleGuard.Logarithms(baseline, nameof(baseline), minimumCount: 1);
        var logCurrent = SampleGuard.Logarithms(current, nameof(current), minimumCount: 1);
        var shift = Estimate(logBaseline, logCurrent, confidence);
        return new HodgesLehmannEstimate(Math.Exp(shift.Estimate), Math.Exp(shift.Lower), Math.Exp(shift.Upper));
    }

    /// <summary>The estimate and interval for already-checked samples.</summary>
    private static HodgesLehmannEstimate Estimate(IReadOnlyList<double> baseline, IReadOnlyList<double> current, double confidence)
    {
        var differences = new double[baseline.Count * current.Count];
        var next = 0;
        foreach (var b in baseline)
        {
            foreach (var c in current)
            {
                differences[next++] = c - b;
            }
        }

        Array.Sort(differences);
        var count = differences.Length;
        var median = count % 2 == 1
            ? differences[count / 2]
            : (differences[(count / 2) - 1] + differences[count / 2]) / 2;
        var k = CriticalRank(baseline, current, confidence);
        return new HodgesLehmannEstimate(median, differences[k - 1], differences[count - k]);
    }

    /// <summary>
    /// The 1-based rank k of the lower bound among the sorted differences. The true shift lies below the k-th smallest difference
    /// exactly when U ≤ k − 1, so k is chosen to make P(U ≤ k − 1) just below half of 1 − <paramref name="confidence"/>.
    /// </summary>
    private static int CriticalRank(IReadOnlyList<double> baseline, IReadOnlyList<double> current, double confidence)
    {
        var n1 = baseline.Count;
        var n2 = current.Count;
        var pairs = n1 * n2;
        var tail = (1 - confidence) / 2;
        var ranks = RankSummary.Of(baseline, current);
        int k;
        if (MannWhitneyNullDistribution.IsExactFor(n1, n2, ranks.HasTies))
        {
            // The smallest q with P(U ≤ q) ≥ tail (R's qwilcox); then P(U ≤ q − 1) < tail and coverage is at least the confidence.
            var distribution = new MannWhitneyNullDistribution(n1, n2);
            k = 0;
            while (distribution.AtMost(k) < tail)
            {
                k++;
            }
        }
        else
        {
            // Normal approximation with continuity: P(U ≤ k − 1) ≈ Φ((k − ½ − n₁n₂/2) / σ) = tail.
            var z = -Normal.InvCDF(0, 1, tail);
            k = (int)Math.Floor((pairs / 2.0) - (z * ranks.NullStandardDeviation(n1, n2)) + 0.5);
        }

        // k = 0 means the samples are too small for this confidence: the widest interval, all differences, is the best on offer.
        return Math.Clamp(k, 1, (pairs + 1) / 2);
    }
}
