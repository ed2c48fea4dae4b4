namespace Pacer.Analysis.History;

/// <summary>How a candidate change point's p-value is found (docs/history.md, "Detection", compares the two).</summary>
public enum SignificanceTest
{
    /// <summary>
    /// Matteson &amp; James's permutation test: the segment's values are shuffled and the best split searched again, so the
    /// p-value accounts for having picked the best of many split positions. Works for distributions too. The default.
    /// </summary>
    Permutation,

    /// <summary>
    /// Apache Otava's variant: Welch's t-test between the values left and right of the best split. Fast, but it tests a split
    /// chosen because it separates the values best, so its p-values run low; numbers only (a shape change is always permuted).
    /// </summary>
    TTest,
}
