namespace Pacer.Analysis.Statistics;

/// <summary>
/// The Theil–Sen slope: the median of the slopes between every pair of points. Robust to a garbage collector's sawtooth and to
/// a few odd seconds, where a least-squares line follows them (up to 29% of the points can be wild without moving it far).
/// </summary>
internal static class TheilSen
{
    /// <summary>More points than this are thinned evenly first: the pairs grow with the square of the count, and an hour of seconds needs no more.</summary>
    public const int MaxPoints = 600;

    /// <summary>The slope in y per x; NaN with fewer than two points of distinct x.</summary>
    public static double Slope(IReadOnlyList<(double X, double Y)> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var used = Thin(points);
        var slopes = new List<double>(used.Count * (used.Count - 1) / 2);
        for (var i = 0; i < used.Count; i++)
        {
            for (var j = i + 1; j < used.Count; j++)
            {
                var dx = used[j].X - used[i].X;
                if (dx != 0)
                {
                    slopes.Add((used[j].Y - used[i].Y) / dx);
                }
            }
        }

        if (slopes.Count == 0)
        {
            return double.NaN;
        }

        slopes.Sort();
        var mid = slopes.Count / 2;
        return slopes.Count % 2 == 1 ? slopes[mid] : (slopes[mid - 1] + slopes[mid]) / 2;
    }

    private static IReadOnlyList<(double X, double Y)> Thin(IReadOnlyList<(double X, double Y)> points)
    {
        if (points.Count <= MaxPoints)
        {
            return points;
        }

        var step = (double)(points.Count - 1) / (MaxPoints - 1);
        return [.. Enumerable.Range(0, MaxPoints).Select(i => points[(int)Math.Round(i * step)])];
    }
}
