namespace Pacer.Analysis.Statistics;

/// <summary>The outcome of <see cref="NewcombeInterval.Difference"/>: a difference of two proportions with its confidence interval.</summary>
/// <param name="Difference">The current failure proportion minus the baseline one; +0.01 means one percentage point more failures.</param>
/// <param name="Lower">Lower confidence bound of <paramref name="Difference"/>.</param>
/// <param name="Upper">Upper confidence bound of <paramref name="Difference"/>.</param>
public sealed record ProportionDifference(double Difference, double Lower, double Upper);
