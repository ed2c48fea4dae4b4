namespace Pacer.Analysis.Tuning;

/// <summary>How <see cref="Tuner"/> picks the next setting.</summary>
public enum TuningMethod
{
    /// <summary>The full grid when it fits in the budget, else Bayesian optimisation.</summary>
    Auto,

    /// <summary>Every setting of a finite space in a seeded order, then again (replicates) while budget remains.</summary>
    Grid,

    /// <summary>A Latin hypercube start, then a Gaussian process with noisy expected improvement weighted by the chance of meeting the SLO.</summary>
    Bayesian,

    /// <summary>Uniformly random settings: the baseline the other methods are measured against.</summary>
    Random,

    /// <summary>
    /// A Latin hypercube start, then a regression forest (SMAC's surrogate: bootstrapped trees, the spread across them as the
    /// uncertainty) with expected improvement weighted by the chance of meeting the SLO.
    /// </summary>
    Forest,
}
