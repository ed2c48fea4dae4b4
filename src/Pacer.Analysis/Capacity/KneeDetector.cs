namespace Pacer.Analysis.Capacity;

/// <summary>Finds the knee of an increasing, convex curve such as latency against load (<see cref="Knee"/>).</summary>
public static class KneeDetector
{
    /// <summary>The fewest distinct points a knee is looked for in.</summary>
    public const int MinimumPoints = 4;

    /// <summary>
    /// The knee of (load, latency) points; several points at one load are averaged. Null with fewer than
    /// <see cref="MinimumPoints"/> distinct loads, or when the curve does not rise (no knee to find).
    /// </summary>
    public static Knee? Find(IReadOnlyList<(double Load, double Latency)> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var curve = points.Where(p => double.IsFinite(p.Load) && double.IsFinite(p.Latency))
            .GroupBy(p => p.Load)
            .Select(g => (X: g.Key, Y: g.Average(p => p.Latency)))
            .OrderBy(p => p.X)
            .ToList();
        if (curve.Count < MinimumPoints || curve[^1].Y <= curve[0].Y)
        {
            return null;
        }

        var kneedle = Kneedle(curve);
        var lMethod = LMethod(curve);
        var i = curve.FindIndex(p => p.X == kneedle);
        var j = curve.FindIndex(p => p.X == lMethod);
        return new Knee(kneedle, lMethod, Math.Abs(i - j) <= 1);
    }

    /// <summary>
    /// Kneedle for a convex increasing curve: normalise both axes to [0, 1]; the knee is where the normalised curve lies farthest
    /// below the straight line from its first to its last point (the largest x − y).
    /// </summary>
    internal static double Kneedle(IReadOnlyList<(double X, double Y)> curve)
    {
        var (x0, x1) = (curve[0].X, curve[^1].X);
        var (y0, y1) = (curve.Min(p => p.Y), curve.Max(p => p.Y));
        var best = curve[0].X;
        var most = double.NegativeInfinity;
        foreach (var (x, y) in curve)
        {
            var difference = (x - x0) / (x1 - x0) - (y - y0) / (y1 - y0);
            if (difference > most)
            {
                (most, best) = (difference, x);
            }
        }

        return best;
    }

    /// <summary>
    /// The L-method: for every split c (each side at least two points), fit a least-squares line to each side; the knee is the
    /// split point whose two lines leave the smallest root-mean-square error, weighted by the points on each side.
    /// </summary>
    internal static double LMethod(IReadOnlyList<(double X, double Y)> curve)
    {
        var best = curve[1].X;
        var least = double.PositiveInfinity;
        for (var c = 2; c <= curve.Count - 2; c++)
        {
            var left = curve.Take(c).ToList();
            var right = curve.Skip(c - 1).ToList();
            var error = (left.Count * Rmse(left) + right.Count * Rmse(right)) / (left.Count + right.Count);
            if (error < least)
            {
                (least, best) = (error, curve[c - 1].X);
            }
        }

        return best;
    }

    private static double Rmse(IReadOnlyList<(double X, double Y)> points)
    {
        var mx = points.Average(p => p.X);
        var my = points.Average(p => p.Y);
        var sxx = points.Sum(p => (p.X - mx) * (p.X - mx));
        var slope = sxx == 0 ? 0 : points.Sum(p => (p.X - mx) * (p.Y - my)) / sxx;
        var intercept = my - slope * mx;
        return Math.Sqrt(points.Average(p => Math.Pow(p.Y - (intercept + slope * p.X), 2)));
    }
}
