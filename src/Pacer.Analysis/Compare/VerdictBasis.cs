namespace Pacer.Analysis.Compare;

/// <summary>What a row's verdict rests on, so every output can say it in the row instead of leaving the reader to guess.</summary>
public enum VerdictBasis
{
    /// <summary>Where the change's confidence interval lies against the threshold (and, for a change, a significant p after correction).</summary>
    Interval,

    /// <summary>
    /// Equivalent because the latency difference is below the noise floor, although the interval is wider than ±threshold:
    /// the verdict relies on the floor, not on the data.
    /// </summary>
    NoiseFloor,

    /// <summary>Error rates: neither side had a single failure, so there is no change to find.</summary>
    NoErrors,

    /// <summary>
    /// Inconclusive: the interval alone lies beyond the threshold, but the p-value is not below 0.05 once corrected for the number
    /// of rows (Holm), so calling it a change would be one of the false alarms the correction is there to stop.
    /// </summary>
    NotSignificantAfterCorrection,

    /// <summary>Inconclusive: there is no interval (one value a side, or one run a side without a per-second series, or no requests on a side).</summary>
    NoInterval,
}
