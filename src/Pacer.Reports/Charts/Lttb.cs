namespace Pacer.Reports.Charts;

/// <summary>
/// Largest-Triangle-Three-Buckets downsampling (Steinarsson 2013, "Downsampling Time Series for Visual Representation"): keeps the
/// first and last points and, from each bucket in between, the point making the largest triangle with the previous kept point and
/// the next bucket's average. Peaks and troughs survive, which plain averaging or striding would lose.
/// </summary>
internal static class Lttb
{
    /// <summary>At most <paramref name="threshold"/> points of <paramref name="points"/>; the input itself when <paramref name="threshold"/> is at least its count or below 3.</summary>
    /// <exception cref="ArgumentException">The x values are not ascending (equal neighbours are allowed) or one is NaN.</exception>
    public static IReadOnlyList<(double X, double Y)> Downsample(IReadOnlyList<(double X, double Y)> points, int threshold)
    {
        ArgumentNullException.ThrowIfNull(points);
        for (var i = 0; i < points.Count; i++)
        {
            if (double.IsNaN(points[i].X) || (i > 0 && points[i].X < points[i - 1].X))
            {
                throw new ArgumentException($"x values must be ascending; point {i} (x = {points[i].X}) is not.", nameof(points));
            }
        }

        var count = points.Count;
        if (threshold >= count || threshold < 3)
        {
            return points;
        }

        var kept = new List<(double X, double Y)>(threshold) { points[0] };
        // The points between first and last are split into threshold − 2 buckets of this (fractional) size.
        var bucketSize = (double)(count - 2) / (threshold - 2);
        var previous = 0;
        for (var bucket = 0; bucket < threshold - 2; bucket++)
        {
            var nextStart = (int)Math.Floor((bucket + 1) * bucketSize) + 1;
            var nextEnd = Math.Min((int)Math.Floor((bucket + 2) * bucketSize) + 1, count);
            double averageX = 0, averageY = 0;
            for (var j = nextStart; j < nextEnd; j++)
            {
                averageX += points[j].X;
                averageY += points[j].Y;
            }

            averageX /= nextEnd - nextStart;
            averageY /= nextEnd - nextStart;

            var start = (int)Math.Floor(bucket * bucketSize) + 1;
            var end = (int)Math.Floor((bucket + 1) * bucketSize) + 1;
            var (ax, ay) = points[previous];
            var largest = -1.0;
            var chosen = start;
            for (var j = start; j < end; j++)
            {
                // Twice the triangle's area; the factor ½ does not change which point is largest.
                var area = Math.Abs(((ax - averageX) * (points[j].Y - ay)) - ((ax - points[j].X) * (averageY - ay)));
                if (area > largest)
                {
                    largest = area;
                    chosen = j;
                }
            }

            kept.Add(points[chosen]);
            previous = chosen;
        }

        kept.Add(points[count - 1]);
        return kept;
    }
}
