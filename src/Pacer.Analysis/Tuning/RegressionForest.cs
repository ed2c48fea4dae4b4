using Pacer.Analysis.Statistics;

namespace Pacer.Analysis.Tuning;

/// <summary>
/// A small regression forest over the unit cube as the surrogate of a model-based search, as in SMAC (Hutter, Hoos &amp;
/// Leyton-Brown 2011), grown as extremely randomised trees (Geurts, Ernst &amp; Wehenkel 2006): every tree sees every trial, each
/// split is the best of one random threshold per knob, and a leaf may hold a single measurement. The prediction is the trees'
/// mean; the uncertainty is their disagreement (the variance between the trees plus the mean variance within their leaves):
/// between two distant trials the random thresholds fall anywhere, so the trees disagree; at a measured setting they agree.
/// SMAC's bootstrapped trees with leaves of 2–3 were measured too, on the functions of ForestComparisonTests: on 10–30 points a
/// bootstrap leaves each tree about a third fewer distinct trials and the leaves are coarser, and the search explored less (the
/// 32-level worker axis: a setting within 3% measured in 23 of 40 seeds against 29, found 20 against 26; the mixed case found 5
/// of 24 against 13). A tree splits anywhere, so it can isolate one value of a knob whose values are in no meaningful order. Written here rather than taken from a package: none of the packages Pacer
/// can use has a regression forest that gives per-tree predictions, and this one is a hundred lines.
/// </summary>
internal sealed class RegressionForest
{
    private const int Trees = 48;
    private const int MinLeaf = 1;

    private readonly ForestNode[] roots;

    private RegressionForest(ForestNode[] roots) => this.roots = roots;

    /// <summary>Fits a forest to <paramref name="x"/> (unit-cube points) and <paramref name="y"/>; <paramref name="seed"/> fixes the bootstraps and thresholds.</summary>
    public static RegressionForest Fit(IReadOnlyList<IReadOnlyList<double>> x, IReadOnlyList<double> y, ulong seed)
    {
        if (x.Count == 0 || x.Count != y.Count)
        {
            throw new ArgumentException("a forest needs as many outputs as points, at least one");
        }

        var data = x.Select(p => p.ToArray()).ToArray();
        var values = y.ToArray();
        var random = new SplitMix64(seed);
        var roots = new ForestNode[Trees];
        for (var t = 0; t < Trees; t++)
        {
            roots[t] = Grow(data, values, [.. Enumerable.Range(0, data.Length)], random);
        }

        return new RegressionForest(roots);
    }

    /// <summary>The trees' mean prediction at <paramref name="point"/> and the variance of the forest's belief there.</summary>
    public (double Mean, double Variance) Predict(IReadOnlyList<double> point)
    {
        // An array, not the interface: a search asks for thousands of candidates, each walking every tree.
        var coordinates = point as double[] ?? [.. point];
        double sum = 0, sumSquares = 0, within = 0;
        foreach (var root in roots)
        {
            var node = root;
            while (node.Left is not null)
            {
                node = coordinates[node.Knob] <= node.Threshold ? node.Left : node.Right!;
            }

            sum += node.Mean;
            sumSquares += node.Mean * node.Mean;
            within += node.Variance;
        }

        var mean = sum / roots.Length;
        var between = Math.Max(0, sumSquares / roots.Length - mean * mean);
        return (mean, between + within / roots.Length);
    }

    private static ForestNode Grow(double[][] x, double[] y, int[] rows, SplitMix64 random)
    {
        var mean = rows.Average(r => y[r]);
        var sse = rows.Sum(r => (y[r] - mean) * (y[r] - mean));
        var leaf = new ForestNode(mean, sse / rows.Length, 0, 0, null, null);
        if (rows.Length < 2 * MinLeaf || sse < 1e-12)
        {
            return leaf;
        }

        (int Knob, double Threshold, double Sse)? best = null;
        for (var knob = 0; knob < x[0].Length; knob++)
        {
            var low = rows.Min(r => x[r][knob]);
            var high = rows.Max(r => x[r][knob]);
            if (high - low < 1e-12)
            {
                continue;
            }

            var threshold = low + GaussianProcess.Unit(random) * (high - low);
            var left = rows.Where(r => x[r][knob] <= threshold).ToArray();
            var right = rows.Where(r => x[r][knob] > threshold).ToArray();
            if (left.Length < MinLeaf || right.Length < MinLeaf)
            {
                continue;
            }

            var split = Sse(y, left) + Sse(y, right);
            if (best is null || split < best.Value.Sse)
            {
                best = (knob, threshold, split);
            }
        }

        if (best is not { } chosen)
        {
            return leaf;
        }

        return new ForestNode(
            mean,
            leaf.Variance,
            chosen.Knob,
            chosen.Threshold,
            Grow(x, y, [.. rows.Where(r => x[r][chosen.Knob] <= chosen.Threshold)], random),
            Grow(x, y, [.. rows.Where(r => x[r][chosen.Knob] > chosen.Threshold)], random));
    }

    private static double Sse(double[] y, int[] rows)
    {
        var mean = rows.Average(r => y[r]);
        return rows.Sum(r => (y[r] - mean) * (y[r] - mean));
    }
}
