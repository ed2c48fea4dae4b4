using Pacer.Analysis.History;

namespace Pacer.Analysis.Tests.History;

public sealed class EnergySplitTests
{
    /// <summary>Q̂(τ, κ) straight from Matteson &amp; James's definition, every pair summed afresh.</summary>
    private static double BruteQ(double[] x, int tau, int kappa)
    {
        double between = 0, left = 0, right = 0;
        for (var i = 0; i < kappa; i++)
        {
            for (var j = i + 1; j < kappa; j++)
            {
                var d = Math.Abs(x[i] - x[j]);
                if (j < tau) { left += d; } else if (i >= tau) { right += d; } else { between += d; }
            }
        }

        int m = tau, r = kappa - tau;
        var energy = (2 * between / (m * r)) - (left / (m * (m - 1) / 2.0)) - (right / (r * (r - 1) / 2.0));
        return m * r / (double)kappa * energy;
    }

    [Fact]
    public void Best_IsTheMaximumOfTheDefinitionOverEverySplitAndEnd()
    {
        double[] x = [3.1, 2.9, 3.3, 3.0, 5.2, 4.8, 5.1, 5.0, 2.8, 3.2, 3.0];
        var n = x.Length;
        var distances = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                distances[(i * n) + j] = Math.Abs(x[i] - x[j]);
            }
        }

        var split = new EnergySplit(distances, n, Enumerable.Repeat(true, n + 1).ToArray(), minimumSegment: 2);
        var (left, q) = split.Best([.. Enumerable.Range(0, n)], 0);

        var expected = (from kappa in Enumerable.Range(4, n - 3)
                        from tau in Enumerable.Range(2, kappa - 3)
                        select (Tau: tau, Q: BruteQ(x, tau, kappa))).MaxBy(c => c.Q);
        Assert.Equal(expected.Tau, left);
        Assert.Equal(expected.Q, q, 1e-9);
        Assert.Equal(4, left);
    }

    [Fact]
    public void Best_SkipsForbiddenSplits()
    {
        double[] x = [1, 1.1, 0.9, 1, 2, 2.1, 1.9, 2];
        var n = x.Length;
        var distances = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                distances[(i * n) + j] = Math.Abs(x[i] - x[j]);
            }
        }

        var splittable = Enumerable.Repeat(true, n + 1).ToArray();
        splittable[4] = false;

        Assert.NotEqual(4, new EnergySplit(distances, n, splittable, 2).Best([.. Enumerable.Range(0, n)], 0).Left);
    }
}
