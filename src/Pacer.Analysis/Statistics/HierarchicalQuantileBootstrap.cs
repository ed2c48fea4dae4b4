using Pacer.Core.Recording;

namespace Pacer.Analysis.Statistics;

/// <summary>
/// The confidence interval of a quantile ratio (current/baseline) when each side has several runs: each replicate resamples
/// the runs with replacement, then the values inside each chosen run with replacement, pools them, and takes the quantile.
/// Both between-run and within-run noise end up in the interval. Written for this one statistic rather than through the
/// generic <see cref="Bootstrap"/>: quickselect on a reused buffer instead of a sort and a list per replicate keeps a
/// 1,000-replicate comparison of 5 × 2,000 values a side in tens of milliseconds.
/// </summary>
public static class HierarchicalQuantileBootstrap
{
    /// <summary>Ratio of the pooled quantiles, its percentile interval, and the p-value of no change read from the same resampled ratios.</summary>
    public static BootstrapRatio Ratio(
        IReadOnlyList<IReadOnlyList<double>> baselineRuns,
        IReadOnlyList<IReadOnlyList<double>> currentRuns,
        double quantile,
        int resamples = 1000,
        double confidence = 0.95,
        int seed = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(resamples, 10);
        if (baselineRuns.Count == 0 || currentRuns.Count == 0 || baselineRuns.Any(r => r.Count == 0) || currentRuns.Any(r => r.Count == 0))
        {
            throw new ArgumentException("every run needs at least one value, and each side at least one run");
        }

        var baseArrays = baselineRuns.Select(r => r.ToArray()).ToArray();
        var currentArrays = currentRuns.Select(r => r.ToArray()).ToArray();
        var baseBuffer = new double[baseArrays.Sum(r => r.Length) * 2];
        var currentBuffer = new double[currentArrays.Sum(r => r.Length) * 2];
        var pointBase = Quantile(Pool(baseArrays, baseBuffer), quantile);
        var pointCurrent = Quantile(Pool(currentArrays, currentBuffer), quantile);
        if (!(pointBase > 0) || !double.IsFinite(pointBase))
        {
            throw new ArgumentException("the baseline quantile is zero or not finite: a ratio means nothing");
        }

        var random = new SplitMix64((ulong)seed);
        var ratios = new double[resamples];
        for (var i = 0; i < resamples; i++)
        {
            var b = Quantile(Resample(baseArrays, baseBuffer, random), quantile);
            var c = Quantile(Resample(currentArrays, currentBuffer, random), quantile);
            ratios[i] = c / b;
        }

        return BootstrapDistribution.Summarize(pointCurrent / pointBase, ratios, confidence);
    }

    private static Span<double> Pool(double[][] runs, double[] buffer)
    {
        var n = 0;
        foreach (var run in runs)
        {
            run.CopyTo(buffer, n);
            n += run.Length;
        }

        return buffer.AsSpan(0, n);
    }

    private static Span<double> Resample(double[][] runs, double[] buffer, SplitMix64 random)
    {
        // Runs first, then values within each chosen run: the pool can be longer than the original when long runs are
        // drawn twice, which the buffer (twice the total) allows for typical run lengths; it is capped otherwise.
        var n = 0;
        for (var r = 0; r < runs.Length; r++)
        {
            var run = runs[random.Below(runs.Length)];
            for (var j = 0; j < run.Length && n < buffer.Length; j++)
            {
                buffer[n++] = run[random.Below(run.Length)];
            }
        }

        return buffer.AsSpan(0, n);
    }

    /// <summary>The type-1 (inverse CDF) quantile by quickselect; reorders <paramref name="values"/>.</summary>
    private static double Quantile(Span<double> values, double q)
    {
        var k = QuantileRank.IndexOfProbability(q, values.Length);
        var (lo, hi) = (0, values.Length - 1);
        while (lo < hi)
        {
            var pivot = values[(lo + hi) >>> 1];
            var (i, j) = (lo, hi);
            while (i <= j)
            {
                while (values[i] < pivot)
                {
                    i++;
                }

                while (values[j] > pivot)
                {
                    j--;
                }

                if (i <= j)
                {
                    (values[i], values[j]) = (values[j], values[i]);
                    i++;
                    j--;
                }
            }

            if (k <= j)
            {
                hi = j;
            }
            else if (k >= i)
            {
                lo = i;
            }
            else
            {
                break;
            }
        }

        return values[k];
    }
}
