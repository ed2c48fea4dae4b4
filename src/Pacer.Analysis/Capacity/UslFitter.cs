using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;
using Pacer.Analysis.Statistics;

namespace Pacer.Analysis.Capacity;

/// <summary>
/// Fits the Universal Scalability Law (<see cref="UslFit"/>) by non-linear least squares (Levenberg–Marquardt, MathNet.Numerics),
/// from several starting points so a bad first guess does not leave it in a poor local minimum.
/// </summary>
public static class UslFitter
{
    /// <summary>The fewest points a fit of three parameters is tried on (one degree of freedom left for the error).</summary>
    public const int MinimumPoints = 4;

    /// <summary>Fits the law to (concurrency, throughput) points; null with fewer than <see cref="MinimumPoints"/> distinct concurrencies.</summary>
    public static UslFit? Fit(IReadOnlyList<(double Concurrency, double Throughput)> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var used = points.Where(p => p.Concurrency > 0 && p.Throughput > 0 && double.IsFinite(p.Concurrency) && double.IsFinite(p.Throughput))
            .OrderBy(p => p.Concurrency).ToList();
        if (used.Select(p => p.Concurrency).Distinct().Count() < MinimumPoints)
        {
            return null;
        }

        var n = Vector<double>.Build.DenseOfEnumerable(used.Select(p => p.Concurrency));
        var x = Vector<double>.Build.DenseOfEnumerable(used.Select(p => p.Throughput));
        var model = ObjectiveFunction.NonlinearModel(
            (Vector<double> p, double c) => UslFit.Throughput(p[0], p[1], p[2], c),
            Gradient,
            n,
            x);

        // λ is near the throughput per unit of concurrency at the lowest load; σ and κ are tried small and large.
        var lambda0 = used.Take(2).Max(p => p.Throughput / p.Concurrency);
        NonlinearMinimizationResult? best = null;
        foreach (var (sigma0, kappa0) in new[] { (0.01, 0.0001), (0.1, 0.001), (0.5, 0.01), (0.001, 0.000001) })
        {
            try
            {
                // Bounded as R's usl package bounds its nls fit: σ in [0, 1], κ ≥ 0, λ > 0; outside them the law means nothing.
                var result = new LevenbergMarquardtMinimizer(maximumIterations: 2000).FindMinimum(
                    model,
                    Vector<double>.Build.DenseOfArray([sigma0, kappa0, lambda0]),
                    Vector<double>.Build.DenseOfArray([0, 0, 1e-12]),
                    Vector<double>.Build.DenseOfArray([1, 1, lambda0 * 1e6]));
                if (result.MinimizingPoint.All(double.IsFinite) && (best is null || Residual(result) < Residual(best)))
                {
                    best = result;
                }
            }
            catch (Exception e) when (e is MaximumIterationsException or ArithmeticException or ArgumentException)
            {
                // Not rethrown: one starting point that does not converge is what the others are for; no fit at all is said below.
            }
        }

        return best is null ? NotFitted(used.Count) : Describe(best, used);
    }

    private static Vector<double> Gradient(Vector<double> p, double n)
    {
        var (sigma, kappa, lambda) = (p[0], p[1], p[2]);
        var d = 1 + sigma * (n - 1) + kappa * n * (n - 1);
        return Vector<double>.Build.DenseOfArray(
        [
            -lambda * n * (n - 1) / (d * d),
            -lambda * n * n * (n - 1) / (d * d),
            n / d,
        ]);
    }

    private static double Residual(NonlinearMinimizationResult result) => result.ModelInfoAtMinimum.Value;

    private static UslFit NotFitted(int count)
    {
        var none = new UslParameter(double.NaN, double.NaN, double.NaN, double.NaN);
        return new UslFit(none, none, none, double.NaN, count, false, "does not fit USL: the least-squares fit did not converge");
    }

    private static UslFit Describe(NonlinearMinimizationResult result, List<(double Concurrency, double Throughput)> used)
    {
        var p = result.MinimizingPoint;
        var degrees = used.Count - 3;
        var t = degrees > 0 ? StudentQuantile.UpperTail(degrees, 0.025) : double.NaN;
        UslParameter Parameter(int i)
        {
            var error = result.StandardErrors is { } errors ? errors[i] : double.NaN;
            return new UslParameter(p[i], error, p[i] - t * error, p[i] + t * error);
        }

        var mean = used.Average(q => q.Throughput);
        var total = used.Sum(q => (q.Throughput - mean) * (q.Throughput - mean));
        var residual = used.Sum(q => Math.Pow(q.Throughput - UslFit.Throughput(p[0], p[1], p[2], q.Concurrency), 2));
        var rSquared = total > 0 ? 1 - residual / total : 0;
        var (sigma, kappa, lambda) = (Parameter(0), Parameter(1), Parameter(2));

        // A coefficient below zero whose whole interval is below zero means the curve bends the other way than the law allows
        // (throughput growing faster than linear): the numbers would be fitted, not explained.
        var explained = (rSquared * 100).ToString("0", CultureInfo.InvariantCulture);
        var r2 = rSquared.ToString("0.000", CultureInfo.InvariantCulture);
        var verdict = rSquared < 0.9 ? $"does not fit USL: the curve explains only {explained}% of the throughput's variance"
            : sigma.High < 0 ? "does not fit USL: throughput grows faster than linearly (σ < 0)"
            : kappa.High < 0 ? "does not fit USL: throughput keeps climbing faster than the law allows (κ < 0)"
            : lambda.Estimate <= 0 ? "does not fit USL: λ came out non-positive"
            : degrees < 1 ? "fits USL, but with as many points as parameters the intervals are unknown"
            : sigma.High - sigma.Low > 1 || lambda.High - lambda.Low > 2 * Math.Abs(lambda.Estimate) ? $"fits USL (R² {r2}), but too few steps pin the coefficients down: read them as rough"
            : rSquared >= 0.98 ? $"fits USL well (R² {r2})"
            : $"fits USL roughly (R² {r2})";
        return new UslFit(sigma, kappa, lambda, rSquared, used.Count, verdict.StartsWith("fits", StringComparison.Ordinal), verdict);
    }
}
