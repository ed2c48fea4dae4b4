using Pacer.Analysis.Statistics;

namespace Pacer.Analysis.History;

/// <summary>
/// E-divisive's hierarchical search: split the series where <see cref="EnergySplit"/> is largest, test that split, and when it is
/// significant search both halves the same way. Every split tested is returned, passed or not, so the false discovery rate can
/// be controlled over all of them across series (<see cref="BenjaminiHochberg"/>).
/// </summary>
internal static class ChangePointSearch
{
    /// <summary>A permutation test stops once this many shuffles matched the observed split (Besag &amp; Clifford's sequential
    /// p-value h/L): a split that ordinary shuffles beat that often is nowhere near significant, and the rest need no computing.</summary>
    private const int Exceedances = 10;

    /// <summary>Searches one series.</summary>
    /// <param name="split">The statistic over the series' distances.</param>
    /// <param name="count">How many points.</param>
    /// <param name="values">The numbers, for <see cref="SignificanceTest.TTest"/>; null for distributions, which are always permuted.</param>
    /// <param name="test">The significance test.</param>
    /// <param name="level">A split is searched further only when its p-value is at most this (the false discovery rate: no
    /// split above it could pass Benjamini–Hochberg anyway).</param>
    /// <param name="permutations">The most shuffles per permutation test.</param>
    /// <param name="seed">Seeds the shuffles.</param>
    public static List<SplitCandidate> Run(EnergySplit split, int count, double[]? values, SignificanceTest test, double level, int permutations, ulong seed)
    {
        var candidates = new List<SplitCandidate>();
        var random = new SplitMix64(seed);
        var segments = new Queue<(int Start, int End)>();
        segments.Enqueue((0, count));
        while (segments.Count > 0)
        {
            var (start, end) = segments.Dequeue();
            if (end - start < 2 * split.MinimumSegment)
            {
                continue;
            }

            var order = Enumerable.Range(start, end - start).ToArray();
            var (left, q) = split.Best(order, start);
            if (left < 0)
            {
                continue;
            }

            var p = test == SignificanceTest.TTest && values is not null
                ? TTestPValue(values, start, start + left, end)
                : PermutationPValue(split, order, start, q, permutations, random);
            var passed = p <= level;
            candidates.Add(new SplitCandidate(start + left, p, passed));
            if (passed)
            {
                segments.Enqueue((start, start + left));
                segments.Enqueue((start + left, end));
            }
        }

        return candidates;
    }

    /// <summary>
    /// The share of shuffles of the segment whose best split is at least as strong as the observed one, (b + 1)/(L + 1), or
    /// h/L when h shuffles matched it before all L were drawn. Shuffling and searching again is what makes the p-value honest:
    /// the observed split was the best of every position, and so is each shuffle's.
    /// </summary>
    private static double PermutationPValue(EnergySplit split, int[] identity, int start, double observed, int permutations, SplitMix64 random)
    {
        var order = (int[])identity.Clone();
        var atLeast = 0;
        for (var drawn = 1; drawn <= permutations; drawn++)
        {
            // Fisher–Yates shuffle.
            for (var i = order.Length - 1; i > 0; i--)
            {
                var j = random.Below(i + 1);
                (order[i], order[j]) = (order[j], order[i]);
            }

            // A relative tolerance: a shuffle that reproduces the observed order must count as matching despite rounding.
            if (split.Best(order, start).Q >= observed * (1 - 1e-12))
            {
                atLeast++;
                if (atLeast == Exceedances)
                {
                    return (double)atLeast / drawn;
                }
            }
        }

        return (atLeast + 1.0) / (permutations + 1.0);
    }

    /// <summary>Otava's variant: Welch's t-test between the values before and after the split, within the segment.</summary>
    private static double TTestPValue(double[] values, int start, int split, int end)
    {
        var before = new ArraySegment<double>(values, start, split - start);
        var after = new ArraySegment<double>(values, split, end - split);
        return WelchTest.CompareMeans(after, before, 0.95).PValue;
    }
}
