namespace Pacer.Analysis.Capacity;

/// <summary>One fitted coefficient of the Universal Scalability Law with its 95% confidence interval (estimate ± t·standard error).</summary>
/// <param name="Estimate">The least-squares value.</param>
/// <param name="StandardError">Its asymptotic standard error.</param>
/// <param name="Low">Lower end of the 95% interval.</param>
/// <param name="High">Upper end of the 95% interval.</param>
public sealed record UslParameter(double Estimate, double StandardError, double Low, double High);
