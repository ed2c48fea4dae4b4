namespace Pacer.Core.Plans.Tuning;

/// <summary>How <c>pacer tune</c> chooses settings (the tune file's <c>search:</c>).</summary>
public enum TuneSearch
{
    /// <summary>The full grid when it fits in the trials, else Bayesian.</summary>
    Auto,

    /// <summary>Every setting (every knob a list or an integer range).</summary>
    Grid,

    /// <summary>A space-filling start, then a Gaussian-process model of the objective.</summary>
    Bayesian,

    /// <summary>Random settings.</summary>
    Random,

    /// <summary>A space-filling start, then a regression forest (SMAC's surrogate) of the objective.</summary>
    Forest,
}
