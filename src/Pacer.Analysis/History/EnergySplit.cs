namespace Pacer.Analysis.History;

/// <summary>
/// The E-divisive means split statistic of Matteson &amp; James ("A nonparametric approach for multiple change point analysis of
/// multivariate data", JASA 109, 2014), exponent α = 1, over a precomputed distance matrix: for a split of a segment into its
/// first m and last r points, Q = m·r/(m + r) · (2/(m·r)·Σ|xᵢ − yⱼ| − 1/C(m,2)·Σ|xᵢ − xₖ| − 1/C(r,2)·Σ|yⱼ − yₗ|), the energy
/// distance between the two sides weighted by their sizes. Over numbers the distance is |x − y|; over distributions it is the
/// Euclidean distance between two runs' vectors of log quantiles, so the statistic sees any change of shape, not only of one number.
/// </summary>
internal sealed class EnergySplit
{
    private readonly double[] distances;
    private readonly int count;
    private readonly bool[] splittable;
    private readonly int minimumSegment;

    /// <param name="distances">Row-major <paramref name="count"/>×<paramref name="count"/> distances, symmetric, zero diagonal.</param>
    /// <param name="count">How many points.</param>
    /// <param name="splittable">For each position p, whether a change may begin at p (false between two runs of one commit,
    /// which measured the same code and so cannot hold a change between them).</param>
    /// <param name="minimumSegment">The fewest points on either side of a split; at least 2 (a side's mean within-distance needs a pair).</param>
    public EnergySplit(double[] distances, int count, bool[] splittable, int minimumSegment)
    {
        this.distances = distances;
        this.count = count;
        this.splittable = splittable;
        this.minimumSegment = Math.Max(2, minimumSegment);
    }

    /// <summary>The fewest points on either side of a split.</summary>
    public int MinimumSegment => minimumSegment;

    /// <summary>
    /// The best split of the points whose ids are <paramref name="order"/>, laid at positions <paramref name="start"/> onwards:
    /// the number of points on its left (−1 when no split is allowed) and its Q. As in Matteson &amp; James, the right side may
    /// end early (at κ): a change that later reverts (a slow stretch, then a fix) leaves the points after it looking like the
    /// points before, and a right side running to the end would mix the two; a shuffle's best split is searched the same way.
    /// Each point's distance sum to the points before it is independent of κ, so the whole search costs O(n²), not O(n³).
    /// </summary>
    public (int Left, double Q) Best(int[] order, int start)
    {
        var length = order.Length;

        // toLeft[k]: distances from the point at position k to the points before it.
        var toLeft = new double[length];
        for (var k = 1; k < length; k++)
        {
            var row = order[k] * count;
            var sum = 0.0;
            for (var i = 0; i < k; i++)
            {
                sum += distances[row + order[i]];
            }

            toLeft[k] = sum;
        }

        // toPrefix[p]: distances from the point at position p to every other point of positions [0, κ).
        var toPrefix = new double[length];
        var prefixTotal = 0.0;
        var bestQ = double.NegativeInfinity;
        var bestLeft = -1;
        for (var kappa = 1; kappa <= length; kappa++)
        {
            var added = kappa - 1;
            var row = order[added] * count;
            for (var p = 0; p < added; p++)
            {
                toPrefix[p] += distances[row + order[p]];
            }

            toPrefix[added] = toLeft[added];
            prefixTotal += toLeft[added];
            if (kappa < 2 * minimumSegment)
            {
                continue;
            }

            var between = 0.0;
            var withinLeft = 0.0;
            for (var k = 0; k < kappa - minimumSegment; k++)
            {
                // Moving point k from the right side to the left: its distances to the left turn from between to within-left,
                // its distances to the rest of the right turn from within-right to between.
                between += toPrefix[k] - (2 * toLeft[k]);
                withinLeft += toLeft[k];
                var m = k + 1;
                if (m < minimumSegment || !splittable[start + m])
                {
                    continue;
                }

                var r = kappa - m;
                var withinRight = prefixTotal - withinLeft - between;
                var energy = (2 * between / ((double)m * r)) - (2 * withinLeft / (m * (m - 1.0))) - (2 * withinRight / (r * (r - 1.0)));
                var q = (double)m * r / kappa * energy;
                if (q > bestQ)
                {
                    bestQ = q;
                    bestLeft = m;
                }
            }
        }

        return (bestLeft, bestQ);
    }
}
