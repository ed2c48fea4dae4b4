namespace Pacer.Core.Plans;

/// <summary>How load is generated.</summary>
public enum LoadModel
{
    /// <summary>Arrival rate: iterations start on a schedule whether or not earlier ones finished (wrk2, Vegeta, k6 arrival-rate).</summary>
    Open,

    /// <summary>Virtual users: each user starts its next iteration when the previous one ends (wrk, ab, k6 VUs).</summary>
    Closed,
}
