namespace Pacer.Analysis.Capacity;

/// <summary>
/// What a step must meet beyond the plan's thresholds and SLO objectives: the service keeps up with the offered load, drops
/// little, fails little (unless the plan judges errors itself), and the watched target stays under a CPU share when given.
/// </summary>
public sealed record CapacityCriteria
{
    /// <summary>The largest share of failed requests a step may have when the plan has no threshold on <c>http_req_failed</c> (default 1%).</summary>
    public double MaxErrorRate { get; init; } = 0.01;

    /// <summary>The largest share of the offered arrivals that may be dropped (default 1%).</summary>
    public double MaxDropped { get; init; } = 0.01;

    /// <summary>Open plans: the completed rate must reach at least this share of the offered rate (default 90%): a service answering less is falling behind.</summary>
    public double MinAchieved { get; init; } = 0.9;

    /// <summary>The highest mean CPU of the watched target as a share of its limit (0.8 = 80%); null for no such target.</summary>
    public double? MaxTargetCpu { get; init; }
}
