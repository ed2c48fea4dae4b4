namespace Pacer.Analysis.Capacity;

/// <summary>How a capacity search ended.</summary>
public enum CapacityOutcome
{
    /// <summary>The ceiling lies between a level that held and one that did not, to the search's precision.</summary>
    Found,

    /// <summary>The step budget ran out before the bracket was as narrow as asked; the interval is wider.</summary>
    StepBudget,

    /// <summary>Even the lowest level tried did not hold: no capacity under these targets.</summary>
    NoneHeld,

    /// <summary>The highest level allowed still held: the capacity is at least that much.</summary>
    AboveMaximum,

    /// <summary>A step failed while the load generator itself was saturated: the limit measured is Pacer's, not the service's.</summary>
    GeneratorLimited,

    /// <summary>The search was cancelled; the steps run so far are kept.</summary>
    Interrupted,
}
