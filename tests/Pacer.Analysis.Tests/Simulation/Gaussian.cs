namespace Pacer.Analysis.Tests.Simulation;

/// <summary>Seeded normal and log-normal draws for simulation tests (Box–Muller on System.Random).</summary>
internal sealed class Gaussian(int seed)
{
    private readonly Random random = new(seed);

    /// <summary>A draw from the standard normal distribution.</summary>
    public double Next()
    {
        // 1 − NextDouble() is in (0, 1], so the logarithm is finite.
        var u1 = 1 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    /// <summary><paramref name="count"/> log-normal values with median <paramref name="median"/> and log-scale standard deviation <paramref name="sigma"/>.</summary>
    public double[] LogNormal(int count, double median, double sigma) =>
        Enumerable.Range(0, count).Select(_ => median * Math.Exp(sigma * Next())).ToArray();
}
