namespace Pacer.Analysis.Statistics;

/// <summary>The outcome of <see cref="Bootstrap.RatioOfStatistic"/>.</summary>
/// <param name="Ratio">The statistic of all current values pooled over the statistic of all baseline values pooled.</param>
/// <param name="Lower">Lower bound of the percentile bootstrap confidence interval for <paramref name="Ratio"/>.</param>
/// <param name="Upper">Upper bound of the percentile bootstrap confidence interval for <paramref name="Ratio"/>.</param>
/// <param name="Resamples">How many bootstrap resamples the interval was read from.</param>
public sealed record BootstrapRatio(double Ratio, double Lower, double Upper, int Resamples);
