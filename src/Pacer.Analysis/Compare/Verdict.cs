namespace Pacer.Analysis.Compare;

/// <summary>What a comparison row concludes, from where the change's confidence interval lies against the threshold.</summary>
public enum Verdict
{
    /// <summary>The whole interval is beyond the threshold in the bad direction.</summary>
    Regressed,

    /// <summary>The whole interval is beyond the threshold in the good direction.</summary>
    Improved,

    /// <summary>The whole interval is inside ±threshold: any change is smaller than what matters.</summary>
    Equivalent,

    /// <summary>The interval straddles the threshold: more runs are needed to tell.</summary>
    Inconclusive,
}
