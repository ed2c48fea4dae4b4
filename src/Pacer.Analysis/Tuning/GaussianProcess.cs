using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;
using Pacer.Analysis.Statistics;

namespace Pacer.Analysis.Tuning;

/// <summary>
/// Gaussian-process regression over the unit cube with a Matérn 5/2 kernel, one length scale per knob (ARD), and a noise term:
/// trials are noisy, so the model must not pass through every measurement. The outputs are standardised; the length scales
/// and the noise are chosen by maximising the log marginal likelihood (with a weak log-normal prior on the length scales, so
/// ten points cannot talk it into a wiggle) over seeded random draws and a local refinement — a few hundred 30×30 Cholesky
/// factorisations, cheaper than gradients are to get right. MathNet.Numerics does the linear algebra.
/// </summary>
internal sealed class GaussianProcess
{
    private const double Jitter = 1e-8;
    private const double MinLength = 0.03;
    private const double MaxLength = 3;
    private const double MinNoise = 1e-4;
    private const double MaxNoise = 1;

    private readonly double[][] points;
    private readonly double[] lengths;
    private readonly double noise;
    private readonly Cholesky<double> cholesky;
    private readonly Vector<double> alpha;
    private readonly double mean;
    private readonly double scale;

    private GaussianProcess(double[][] points, double[] lengths, double noise, Cholesky<double> cholesky, Vector<double> alpha, double mean, double scale)
    {
        this.points = points;
        this.lengths = lengths;
        this.noise = noise;
        this.cholesky = cholesky;
        this.alpha = alpha;
        this.mean = mean;
        this.scale = scale;
    }

    /// <summary>The fitted length scales, one per knob (in unit-cube coordinates): short means the objective changes fast along it.</summary>
    public IReadOnlyList<double> Lengths => lengths;

    /// <summary>The fitted measurement noise as a standard deviation, in the outputs' own units.</summary>
    public double NoiseSd => Math.Sqrt(noise) * scale;

    /// <summary>Fits a model to <paramref name="x"/> (unit-cube points) and <paramref name="y"/>; <paramref name="seed"/> fixes the hyperparameter search.</summary>
    public static GaussianProcess Fit(IReadOnlyList<IReadOnlyList<double>> x, IReadOnlyList<double> y, ulong seed)
    {
        if (x.Count == 0 || x.Count != y.Count)
        {
            throw new ArgumentException("a Gaussian process needs as many outputs as points, at least one");
        }

        var data = x.Select(p => p.ToArray()).ToArray();
        var d = data[0].Length;
        var mean = y.Average();
        var sd = Math.Sqrt(y.Sum(v => (v - mean) * (v - mean)) / Math.Max(1, y.Count - 1));
        var scale = sd > 1e-12 ? sd : 1;
        var z = Vector<double>.Build.Dense([.. y.Select(v => (v - mean) / scale)]);

        var random = new SplitMix64(seed);
        (double[] Lengths, double Noise, double Score) best = (Enumerable.Repeat(0.3, d).ToArray(), 0.01, double.NegativeInfinity);
        void Try(double[] candidateLengths, double candidateNoise)
        {
            var score = LogPosterior(data, z, candidateLengths, candidateNoise);
            if (score > best.Score)
            {
                best = (candidateLengths, candidateNoise, score);
            }
        }

        // Shared length scales first (a good start in few points), then per-knob draws, then small steps around the best.
        foreach (var shared in new[] { 0.1, 0.2, 0.35, 0.6, 1.0 })
        {
            foreach (var n in new[] { 1e-3, 0.03, 0.2 })
            {
                Try(Enumerable.Repeat(shared, d).ToArray(), n);
            }
        }

        for (var i = 0; i < 48; i++)
        {
            Try([.. Enumerable.Range(0, d).Select(_ => LogUniform(random, MinLength, MaxLength))], LogUniform(random, MinNoise, MaxNoise));
        }

        for (var i = 0; i < 48; i++)
        {
            var step = i < 24 ? 0.5 : 0.2;
            Try(
                [.. best.Lengths.Select(l => Math.Clamp(l * Math.Exp(step * Normal(random)), MinLength, MaxLength))],
                Math.Clamp(best.Noise * Math.Exp(step * Normal(random)), MinNoise, MaxNoise));
        }

        var (chol, weights) = Factor(data, z, best.Lengths, best.Noise)
            ?? throw new InvalidOperationException("no kernel setting gave a positive definite covariance");
        return new GaussianProcess(data, best.Lengths, best.Noise, chol, weights, mean, scale);
    }

    /// <summary>The posterior mean and the variance of the underlying function (not of a new noisy measurement) at <paramref name="point"/>.</summary>
    public (double Mean, double Variance) Predict(IReadOnlyList<double> point)
    {
        var k = Vector<double>.Build.Dense(points.Length, i => Kernel(points[i], point, lengths));
        var mu = k.DotProduct(alpha);
        var v = cholesky.Factor.Solve(k);
        var variance = Math.Max(0, 1 - v.DotProduct(v));
        return (mean + scale * mu, variance * scale * scale);
    }

    private static double LogPosterior(double[][] x, Vector<double> z, double[] lengths, double noise)
    {
        if (Factor(x, z, lengths, noise) is not var (chol, weights))
        {
            return double.NegativeInfinity;
        }

        var logDet = 0.0;
        for (var i = 0; i < x.Length; i++)
        {
            logDet += Math.Log(chol.Factor[i, i]);
        }

        var fit = -0.5 * z.DotProduct(weights) - logDet - 0.5 * x.Length * Math.Log(2 * Math.PI);

        // The prior: length scales near 0.4 of the range (e-fold 1.5), noise unconstrained within its bounds.
        var prior = lengths.Sum(l => -0.5 * Math.Pow(Math.Log(l / 0.4) / 1.5, 2));
        return fit + prior;
    }

    private static (Cholesky<double> Chol, Vector<double> Alpha)? Factor(double[][] x, Vector<double> z, double[] lengths, double noise)
    {
        var n = x.Length;
        var covariance = Matrix<double>.Build.Dense(n, n, (i, j) => Kernel(x[i], x[j], lengths) + (i == j ? noise + Jitter : 0));
        try
        {
            var chol = covariance.Cholesky();
            return (chol, chol.Solve(z));
        }
        catch (ArgumentException)
        {
            // Not positive definite with these settings (MathNet says so this way): this setting is skipped, the search goes on.
            return null;
        }
    }

    private static double Kernel(IReadOnlyList<double> a, IReadOnlyList<double> b, double[] lengths)
    {
        var sum = 0.0;
        for (var i = 0; i < lengths.Length; i++)
        {
            var t = (a[i] - b[i]) / lengths[i];
            sum += t * t;
        }

        var r = Math.Sqrt(5 * sum);
        return (1 + r + r * r / 3) * Math.Exp(-r);
    }

    private static double LogUniform(SplitMix64 random, double low, double high) => low * Math.Exp(Unit(random) * Math.Log(high / low));

    internal static double Unit(SplitMix64 random) => (random.NextBits() >> 11) * (1.0 / (1UL << 53));

    internal static double Normal(SplitMix64 random)
    {
        var u1 = 1 - Unit(random);
        var u2 = Unit(random);
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
