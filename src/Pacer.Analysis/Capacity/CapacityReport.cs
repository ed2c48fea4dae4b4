namespace Pacer.Analysis.Capacity;

/// <summary>
/// Everything <c>pacer capacity</c> reports: the search with every step, the knee of the latency–load curve, the USL fit of
/// throughput against concurrency, and the replica plan (docs/capacity.md).
/// </summary>
/// <param name="Search">The steps, the capacity and its interval.</param>
/// <param name="Closed">Whether the levels are virtual users (a closed plan) rather than arrivals per second.</param>
/// <param name="Knee">Where p95 latency bends upward against the load; null with too few steps or no rise.</param>
/// <param name="Usl">The USL fit; null with too few distinct steps.</param>
/// <param name="Replicas">The replica plan and HPA target; null without a capacity or a target rate.</param>
public sealed record CapacityReport(CapacitySearchResult Search, bool Closed, Knee? Knee, UslFit? Usl, ReplicaPlan? Replicas)
{
    /// <summary>What broke first at the ceiling: the breaches of the lowest step above the capacity that did not hold.</summary>
    public IReadOnlyList<string> BrokeFirst => Search.FirstBroken?.Breaches ?? [];

    /// <summary>The findings (docs/watching.md#findings) of the run of that step, when the caller had its result: what limited the service.</summary>
    public IReadOnlyList<string> Findings { get; init; } = [];

    /// <summary>Builds the report from a finished search; <paramref name="targetRate"/> (with <paramref name="headroom"/>) asks for a replica plan.</summary>
    public static CapacityReport Analyze(CapacitySearchResult search, bool closed, double? targetRate = null, double headroom = 0.7)
    {
        ArgumentNullException.ThrowIfNull(search);
        var knee = KneeDetector.Find([.. search.Steps.Where(s => s.Requests > 0).Select(s => (s.Level, s.P95))]);
        var usl = UslFitter.Fit([.. search.Steps.Where(s => s.Requests > 0).Select(s => (s.Concurrency, s.Achieved))]);

        // A closed plan's capacity is in users; the replica plan needs a rate, so it takes the throughput measured at that level.
        var rate = search.Capacity is { } capacity
            ? closed ? search.Steps.Where(s => s.Held && s.Level == capacity).Select(s => s.Achieved).DefaultIfEmpty().Max() : capacity
            : 0;
        var replicas = targetRate is { } target && rate > 0 ? ReplicaPlan.For(rate, target, headroom, closed ? [.. search.Steps.Select(s => s with { Level = s.Achieved })] : search.Steps) : null;
        return new CapacityReport(search, closed, knee, usl, replicas);
    }
}
