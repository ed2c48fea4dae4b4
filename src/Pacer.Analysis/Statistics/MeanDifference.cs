namespace Pacer.Analysis.Statistics;

/// <summary>Welch's t-test on raw values: the difference of two means with its confidence interval.</summary>
/// <param name="Difference">Mean of the first sample minus mean of the second.</param>
/// <param name="Lower">Lower confidence bound of <paramref name="Difference"/>.</param>
/// <param name="Upper">Upper confidence bound of <paramref name="Difference"/>.</param>
/// <param name="T">The t statistic; ±∞ when neither sample varies but the means differ.</param>
/// <param name="PValue">Two-sided p-value.</param>
/// <param name="DegreesOfFreedom">Welch–Satterthwaite degrees of freedom.</param>
internal sealed record MeanDifference(double Difference, double Lower, double Upper, double T, double PValue, double DegreesOfFreedom);
