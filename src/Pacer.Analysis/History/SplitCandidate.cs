namespace Pacer.Analysis.History;

/// <summary>A split the hierarchical search tested: the position of the first point after it, its p-value, and whether it passed the search's own level.</summary>
internal sealed record SplitCandidate(int Index, double PValue, bool Passed);
