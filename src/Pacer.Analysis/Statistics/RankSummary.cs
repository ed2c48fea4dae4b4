namespace Pacer.Analysis.Statistics;

/// <summary>What the rank-based methods need from the pooled sample: the U statistic of the second sample and the ties.</summary>
/// <param name="U">Pairs (first, second) where the second value is larger, ties counting one half.</param>
/// <param name="TieTerm">Σ(t³ − t) over groups of t equal values; zero when all values are distinct.</param>
internal sealed record RankSummary(double U, double TieTerm)
{
    /// <summary>Whether any value occurs more than once in the pooled sample.</summary>
    public bool HasTies => TieTerm > 0;

    /// <summary>Ranks the pooled sample (mid-ranks for ties) and sums the ranks of <paramref name="second"/>.</summary>
    public static RankSummary Of(IReadOnlyList<double> first, IReadOnlyList<double> second)
    {
        var pooled = new (double Value, bool IsSecond)[first.Count + second.Count];
        for (var i = 0; i < first.Count; i++)
        {
            pooled[i] = (first[i], false);
        }

        for (var i = 0; i < second.Count; i++)
        {
            pooled[first.Count + i] = (second[i], true);
        }

        Array.Sort(pooled, static (a, b) => a.Value.CompareTo(b.Value));
        var secondRankSum = 0.0;
        var tieTerm = 0.0;
        var start = 0;
        while (start < pooled.Length)
        {
            var end = start;
            while (end + 1 < pooled.Length && pooled[end + 1].Value == pooled[start].Value)
            {
                end++;
            }

            // Ranks are 1-based; a tie group from start to end shares the middle rank.
            var midRank = ((start + end) / 2.0) + 1;
            for (var i = start; i <= end; i++)
            {
                if (pooled[i].IsSecond)
                {
                    secondRankSum += midRank;
                }
            }

            var size = (double)(end - start + 1);
            tieTerm += (size * size * size) - size;
            start = end + 1;
        }

        var n2 = (double)second.Count;
        return new RankSummary(secondRankSum - (n2 * (n2 + 1) / 2), tieTerm);
    }

    /// <summary>The standard deviation of U under the null hypothesis, corrected for ties.</summary>
    public double NullStandardDeviation(int n1, int n2)
    {
        var n = (double)(n1 + n2);
        return Math.Sqrt((double)n1 * n2 / 12 * (n + 1 - (TieTerm / (n * (n - 1)))));
    }
}
