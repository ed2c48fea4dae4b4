namespace Pacer.Analysis.Capacity;

/// <summary>Why a capacity search ran a step.</summary>
public enum CapacityPhase
{
    /// <summary>Doubling (or halving) to bracket the ceiling between a level that holds and one that does not.</summary>
    Bracket,

    /// <summary>Bisecting the bracket down to the search's precision.</summary>
    Bisect,

    /// <summary>Running the boundary again, so the answer comes with an interval rather than one lucky step.</summary>
    Confirm,
}
