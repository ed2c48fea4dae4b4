namespace Pacer.Analysis.Capacity;

/// <summary>
/// Gunther's Universal Scalability Law fitted to throughput against concurrency:
/// X(N) = λN / (1 + σ(N − 1) + κN(N − 1)), with σ the contention (serialised share), κ the coherency (crosstalk) cost and λ
/// the throughput of one unit of concurrency. The same three-parameter model and least squares as R's <c>usl</c> package.
/// </summary>
/// <param name="Sigma">σ, contention.</param>
/// <param name="Kappa">κ, coherency.</param>
/// <param name="Lambda">λ, throughput at concurrency 1 without contention.</param>
/// <param name="RSquared">Share of the throughput's variance the curve explains.</param>
/// <param name="Points">How many (concurrency, throughput) points were fitted.</param>
/// <param name="Fits">Whether the law describes the data: the fit converged, explains at least 90% of the variance, and σ and κ are not negative beyond their intervals.</param>
/// <param name="Verdict">One sentence saying how well it fits, or why it does not.</param>
public sealed record UslFit(UslParameter Sigma, UslParameter Kappa, UslParameter Lambda, double RSquared, int Points, bool Fits, string Verdict)
{
    /// <summary>The throughput the law predicts at concurrency <paramref name="concurrency"/>.</summary>
    public double Predict(double concurrency) => Throughput(Sigma.Estimate, Kappa.Estimate, Lambda.Estimate, concurrency);

    /// <summary>The concurrency at which throughput peaks, √((1 − σ)/κ); null when κ ≤ 0 (no retrograde region).</summary>
    public double? PeakConcurrency => Kappa.Estimate > 0 && Sigma.Estimate < 1 ? Math.Sqrt((1 - Sigma.Estimate) / Kappa.Estimate) : null;

    /// <summary>The highest throughput the law predicts (at <see cref="PeakConcurrency"/>, or λ/σ as concurrency grows without κ).</summary>
    public double? PeakThroughput => PeakConcurrency is { } n ? Predict(n) : Sigma.Estimate > 0 ? Lambda.Estimate / Sigma.Estimate : null;

    internal static double Throughput(double sigma, double kappa, double lambda, double n) =>
        lambda * n / (1 + sigma * (n - 1) + kappa * n * (n - 1));
}
