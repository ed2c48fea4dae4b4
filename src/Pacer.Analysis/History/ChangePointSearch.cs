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

    /// <summary>Searches the points [<paramref name="start"/>, <paramref name="end"/>) of one series (one window of it).</summary>
    /// <param name="split">The statistic over the series' distances.</param>
    /// <param name="start">The window's first position.</param>
    /// <param name="end">The position after the window's last.</param>
    /// <param name="values">The numbers, for <see cref="SignificanceTest.TTest"/>; null for distributions, which are always permuted.</param>
    /// <param name="test">The significance test.</param>
    /// <param name="level">A split is searched further only when its p-value is at most this (the false discovery rate: no
    /// split above it could pass Benjamini–Hochberg anyway).</param>
    /// <param name="permutations">The most shuffles per permutation test in this first pass (enough to decide the level).</param>
    /// <param name="seed">Seeds the shuffles.</param>
    public static List<SplitCandidate> Run(EnergySplit split, int start, int end, double[]? values, SignificanceTest test, double level, int permutations, ulong seed)
    {
        var candidates = new List<SplitCandidate>();
        var random = new SplitMix64(seed);
        var segments = new Queue<(int Start, int End)>();
        segments.Enqueue((start, end));
        while (segments.Count > 0)
        {
            var (from, to) = segments.Dequeue();
            if (to - from < 2 * split.MinimumSegment)
            {
                continue;
            }

            var order = Enumerable.Range(from, to - from).ToArray();
            var (left, q) = split.Best(order, from);
            if (left < 0)
            {
                continue;
            }

            SplitCandidate candidate;
            if (test == SignificanceTest.TTest && values is not null)
            {
                var p = TTestPValue(values, from, from + left, to);
                candidate = new SplitCandidate(from + left, from, to, q, 0, 0, p, p <= level);
            }
            else
            {
                var (drawn, atLeast) = Permute(split, from, to, q, 0, 0, permutations, random);
                var p = PValue(drawn, atLeast);
                candidate = new SplitCandidate(from + left, from, to, q, drawn, atLeast, p, p <= level);
            }

            candidates.Add(candidate);
            if (candidate.Passed)
            {
                segments.Enqueue((from, from + left));
                segments.Enqueue((from + left, to));
            }
        }

        return candidates;
    }

    /// <summary>
    /// Draws more permutations for <paramref name="candidate"/>, up to <paramref name="permutations"/> in all: Benjamini–Hochberg
    /// can ask a p-value below the first pass's floor when many series are checked, and only the few splits that no shuffle
    /// matched yet need the extra draws.
    /// </summary>
    public static SplitCandidate Refine(EnergySplit split, SplitCandidate candidate, int permutations, ulong seed)
    {
        var (drawn, atLeast) = Permute(split, candidate.Start, candidate.End, candidate.Q, candidate.Drawn, candidate.AtLeast, permutations, new SplitMix64(seed));
        return candidate with { Drawn = drawn, AtLeast = atLeast, PValue = PValue(drawn, atLeast) };
    }

    /// <summary>
    /// Shuffles the segment and searches each shuffle's best split, counting those at least as strong as the observed one, until
    /// <paramref name="permutations"/> are drawn or <see cref="Exceedances"/> matched. Shuffling and searching again is what
    /// makes the p-value honest: the observed split was the best of every position, and so is each shuffle's.
    /// </summary>
    private static (int Drawn, int AtLeast) Permute(EnergySplit split, int start, int end, double observed, int drawn, int atLeast, int permutations, SplitMix64 random)
    {
        var order = Enumerable.Range(start, end - start).ToArray();
        while (drawn < permutations && atLeast < Exceedances)
        {
            // Fisher–Yates shuffle.
            for (var i = order.Length - 1; i > 0; i--)
            {
                var j = random.Below(i + 1);
                (order[i], order[j]) = (order[j], order[i]);
            }

            drawn++;

            // A relative tolerance: a shuffle that reproduces the observed order must count as matching despite rounding.
            if (split.Best(order, start).Q >= observed * (1 - 1e-12))
            {
                atLeast++;
            }
        }

        return (drawn, atLeast);
    }

    /// <summary>(b + 1)/(L + 1) after all L draws, or Besag &amp; Clifford's h/L when the h-th match stopped the drawing early.</summary>
    private static double PValue(int drawn, int atLeast) =>
        atLeast >= Exceedances ? (double)atLeast / drawn : (atLeast + 1.0) / (drawn + 1.0);

    /// <summary>Otava's variant: Welch's t-test between the values before and after the split, within the segment.</summary>
    private static double TTestPValue(double[] values, int start, int split, int end)
    {
        var before = new ArraySegment<double>(values, start, split - start);
        var after = new ArraySegment<double>(values, split, end - split);
        return WelchTest.CompareMeans(after, before, 0.95).PValue;
    }
}
