namespace Pacer.Analysis.History;

/// <summary>What moved at a change point.</summary>
public enum ChangeKind
{
    /// <summary>The series' own number (p95, rps, ns/op …) moved.</summary>
    Level,

    /// <summary>
    /// The shape of a request's latency distribution moved (found over the runs' whole histograms, so a fatter tail under an
    /// unchanged median counts); <see cref="ChangePoint.Measure"/> names the quantile that moved most.
    /// </summary>
    Shape,
}
