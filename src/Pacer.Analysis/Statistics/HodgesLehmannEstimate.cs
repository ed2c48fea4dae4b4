namespace Pacer.Analysis.Statistics;

/// <summary>The outcome of <see cref="HodgesLehmann.Shift"/> or <see cref="HodgesLehmann.Ratio"/>: a point estimate and its confidence interval.</summary>
/// <param name="Estimate">The median of the pairwise differences current − baseline (or of the pairwise ratios current/baseline).</param>
/// <param name="Lower">Lower bound of the distribution-free confidence interval.</param>
/// <param name="Upper">Upper bound of the distribution-free confidence interval.</param>
public sealed record HodgesLehmannEstimate(double Estimate, double Lower, double Upper);
