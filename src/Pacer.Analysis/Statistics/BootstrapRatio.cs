namespace Pacer.Analysis.Statistics;

/// <summary>The outcome of a bootstrap of a ratio (<see cref="Bootstrap.RatioOfStatistic"/>, <see cref="BlockBootstrap"/>, <see cref="HierarchicalQuantileBootstrap"/>).</summary>
/// <param name="Ratio">The statistic of all current values pooled over the statistic of all baseline values pooled.</param>
/// <param name="Lower">Lower bound of the percentile bootstrap confidence interval for <paramref name="Ratio"/>.</param>
/// <param name="Upper">Upper bound of the percentile bootstrap confidence interval for <paramref name="Ratio"/>.</param>
/// <param name="Resamples">How many bootstrap resamples the interval was read from.</param>
public sealed record BootstrapRatio(double Ratio, double Lower, double Upper, int Resamples)
{
    /// <summary>
    /// Two-sided p-value of "no change" (ratio 1) read from the same resampled ratios as the interval: the smallest
    /// 1 − confidence whose interval, read the same way, leaves out 1 (not below 1 / (resamples + 1), the resolution of
    /// the resampling, when that is well below 1 − confidence). So the interval at the confidence asked for excludes 1 exactly when this is below 1 − confidence.
    /// </summary>
    public double PValue { get; init; } = 1;
}
