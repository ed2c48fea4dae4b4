namespace Pacer.Analysis.Statistics;

/// <summary>
/// Bootstrap confidence intervals for comparisons of statistics that have no handy formula, such as a ratio of p99 latencies.
/// </summary>
public static class Bootstrap
{
    /// <summary>
    /// The ratio current/baseline of <paramref name="statistic"/> over the pooled values of each side, with a hierarchical
    /// percentile bootstrap interval. Each resample, for each side: draw as many runs as the side has, with replacement; within
    /// each drawn run draw as many values as it has, with replacement; pool those values and apply the statistic. Resampling runs
    /// first carries the run-to-run noise (a different warm-up, a noisy neighbour) into the interval, which resampling pooled
    /// values alone would ignore. The interval is the (1 − confidence)/2 and (1 + confidence)/2 quantiles of the resampled ratios
    /// (linear interpolation); the p-value of no change is read from the same resampled ratios (<see cref="BootstrapRatio.PValue"/>).
    /// With one run a side, the run draw always picks that run, so this becomes the ordinary bootstrap of
    /// values: the interval then reflects only within-run noise and is too narrow if runs differ from each other.
    /// </summary>
    /// <param name="baselineRuns">The baseline's runs, each the values (for example latencies) it recorded; at least one, none empty.</param>
    /// <param name="currentRuns">The current side's runs, shaped the same way.</param>
    /// <param name="statistic">
    /// Maps a pooled sample to the figure to compare, for example a percentile. It should be positive, since the result is a ratio.
    /// It gets a fresh list each call and is called 2·<paramref name="resamples"/> + 2 times, on this thread.
    /// </param>
    /// <param name="resamples">How many bootstrap resamples to draw; at least one. 2000 gives stable 95% bounds.</param>
    /// <param name="confidence">The confidence level of the interval, strictly between 0 and 1.</param>
    /// <param name="seed">Seeds the random draws: the same inputs and seed always give the same interval.</param>
    /// <exception cref="ArgumentException">A side has no runs, a run is empty or holds a non-finite value, or the baseline statistic is zero or not finite.</exception>
    public static BootstrapRatio RatioOfStatistic(
        IReadOnlyList<IReadOnlyList<double>> baselineRuns,
        IReadOnlyList<IReadOnlyList<double>> currentRuns,
        Func<IReadOnlyList<double>, double> statistic,
        int resamples = 2000,
        double confidence = 0.95,
        int seed = 1)
    {
        ArgumentNullException.ThrowIfNull(statistic);
        RequireRuns(baselineRuns, nameof(baselineRuns));
        RequireRuns(currentRuns, nameof(currentRuns));
        ArgumentOutOfRangeException.ThrowIfLessThan(resamples, 1);
        SampleGuard.RequireConfidence(confidence);

        var baselineStatistic = statistic(Pool(baselineRuns));
        if (baselineStatistic == 0 || !double.IsFinite(baselineStatistic))
        {
            throw new ArgumentException($"The statistic of the pooled baseline is {baselineStatistic}; a ratio needs a finite, non-zero baseline.", nameof(baselineRuns));
        }

        var ratio = statistic(Pool(currentRuns)) / baselineStatistic;

        var random = new SplitMix64(unchecked((ulong)seed));
        var ratios = new double[resamples];
        for (var i = 0; i < resamples; i++)
        {
            var baselineDraw = statistic(Resample(baselineRuns, random));
            var currentDraw = statistic(Resample(currentRuns, random));
            ratios[i] = currentDraw / baselineDraw;
        }

        return BootstrapDistribution.Summarize(ratio, ratios, confidence);
    }

    /// <summary>One hierarchical resample of a side: runs drawn with replacement, then values within each drawn run.</summary>
    private static double[] Resample(IReadOnlyList<IReadOnlyList<double>> runs, SplitMix64 random)
    {
        var chosen = new IReadOnlyList<double>[runs.Count];
        var size = 0;
        for (var i = 0; i < chosen.Length; i++)
        {
            chosen[i] = runs[random.Below(runs.Count)];
            size += chosen[i].Count;
        }

        var pooled = new double[size];
        var next = 0;
        foreach (var run in chosen)
        {
            for (var j = 0; j < run.Count; j++)
            {
                pooled[next++] = run[random.Below(run.Count)];
            }
        }

        return pooled;
    }

    /// <summary>All values of all runs of a side, in order.</summary>
    private static double[] Pool(IReadOnlyList<IReadOnlyList<double>> runs)
    {
        var pooled = new List<double>();
        foreach (var run in runs)
        {
            pooled.AddRange(run);
        }

        return [.. pooled];
    }

    /// <summary>Throws unless there is at least one run and every run holds at least one finite value.</summary>
    private static void RequireRuns(IReadOnlyList<IReadOnlyList<double>> runs, string name)
    {
        ArgumentNullException.ThrowIfNull(runs, name);
        if (runs.Count == 0)
        {
            throw new ArgumentException($"{name} needs at least one run.", name);
        }

        for (var i = 0; i < runs.Count; i++)
        {
            SampleGuard.RequireFinite(runs[i], $"{name}[{i}]", minimumCount: 1);
        }
    }
}
