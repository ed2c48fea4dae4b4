namespace Pacer.Analysis.Statistics;

/// <summary>
/// The outcome of <see cref="WelchTest.Compare"/>: how current compares with baseline as a ratio of geometric means.
/// </summary>
/// <param name="Ratio">Geometric mean of current over geometric mean of baseline (exp of the mean log difference); 1.1 means current is 10% higher.</param>
/// <param name="Lower">Lower bound of the confidence interval for <paramref name="Ratio"/>.</param>
/// <param name="Upper">Upper bound of the confidence interval for <paramref name="Ratio"/>.</param>
/// <param name="PValue">Two-sided p-value for "the log means are equal".</param>
/// <param name="DegreesOfFreedom">Welch–Satterthwaite degrees of freedom of the t distribution used.</param>
public sealed record WelchResult(double Ratio, double Lower, double Upper, double PValue, double DegreesOfFreedom);
