namespace Pacer.Analysis.Capacity;

/// <summary>
/// What a capacity search found: every step in the order run, the highest level that held (the capacity), and the interval
/// where the ceiling lies.
/// </summary>
/// <param name="Steps">Every step, in the order run.</param>
/// <param name="Outcome">How the search ended.</param>
/// <param name="Capacity">The highest level that held (the median over the boundary's repeats); null when none held.</param>
/// <param name="Lower">The lowest level that held at the boundary over the repeats (equal to <paramref name="Capacity"/> without noise); null when none held.</param>
/// <param name="Upper">The highest level that did not hold at the boundary over the repeats; null when no step failed (or only the generator's).</param>
public sealed record CapacitySearchResult(IReadOnlyList<CapacityStep> Steps, CapacityOutcome Outcome, double? Capacity, double? Lower, double? Upper)
{
    /// <summary>The first step that did not hold at the ceiling: the step right above the capacity whose breaches say what broke first.</summary>
    public CapacityStep? FirstBroken =>
        Steps.Where(s => !s.Held && (Capacity is not { } capacity || s.Level > capacity)).OrderBy(s => s.Level).ThenBy(s => s.Index).FirstOrDefault();
}
