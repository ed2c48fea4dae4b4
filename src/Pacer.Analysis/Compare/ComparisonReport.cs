namespace Pacer.Analysis.Compare;

/// <summary>Everything <c>pacer compare</c> concluded: rows, geometric means per metric, and warnings.</summary>
/// <param name="BaselineSources">Baseline files, in order.</param>
/// <param name="CurrentSources">Current files, in order.</param>
/// <param name="Rows">One per quantity present on both sides.</param>
/// <param name="Geomeans">Per metric: the geometric mean of the current/baseline ratios across its rows.</param>
/// <param name="Warnings">Quantities present on one side only, and other things the reader must know.</param>
public sealed record ComparisonReport(
    IReadOnlyList<string> BaselineSources,
    IReadOnlyList<string> CurrentSources,
    IReadOnlyList<ComparisonRow> Rows,
    IReadOnlyDictionary<string, double> Geomeans,
    IReadOnlyList<string> Warnings)
{
    /// <summary>True when any row regressed: <c>pacer compare</c> exits 99.</summary>
    public bool Regressed => Rows.Any(r => r.Verdict == Verdict.Regressed);
}
