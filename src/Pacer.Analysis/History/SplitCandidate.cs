namespace Pacer.Analysis.History;

/// <summary>A split the hierarchical search tested, with what its permutation test has drawn so far (so more can be drawn later).</summary>
/// <param name="Index">The position of the first point after the split.</param>
/// <param name="Start">The segment's first position.</param>
/// <param name="End">The position after the segment's last.</param>
/// <param name="Q">The split's statistic.</param>
/// <param name="Drawn">Permutations drawn (0 for the t-test).</param>
/// <param name="AtLeast">Of those, how many were at least as strong.</param>
/// <param name="PValue">The p-value so far.</param>
/// <param name="Passed">Whether it passed the search's own level, so both halves were searched.</param>
/// <param name="Window">The cache key of the window search that found it, when a <see cref="HistoryCheckCache"/> is in use (its
/// extra permutations are cached under it); null otherwise.</param>
internal sealed record SplitCandidate(int Index, int Start, int End, double Q, int Drawn, int AtLeast, double PValue, bool Passed, string? Window = null)
{
    /// <summary>No permutation has matched it yet: its p-value is only the floor 1/(drawn + 1), and more draws would lower it.</summary>
    public bool AtFloor => Drawn > 0 && AtLeast == 0;
}
