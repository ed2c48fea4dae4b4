namespace Pacer.Core.Results;

/// <summary>One watched metric over the run.</summary>
/// <param name="Name">Its name (<c>target_cpu</c>, <c>target_memory</c> …, or a scraped metric's own name).</param>
/// <param name="Source">The kind of the source it came from (<see cref="TargetSourceResult.Kind"/>): with the name, the metric's key.</param>
/// <param name="Unit">What its values count: <c>count</c>, <c>per_second</c>, <c>cores</c>, <c>bytes</c>, <c>bytes_per_second</c>, <c>ratio</c> or <c>ms</c>.</param>
/// <param name="Mean">Mean of its per-second values.</param>
/// <param name="P95">95th percentile of its per-second values (nearest rank).</param>
/// <param name="Max">Largest per-second value.</param>
/// <param name="Series">Its value for each second, keyed by <see cref="TargetPointResult.T"/> as <see cref="RunResult.Series"/> is; seconds without a reading are left out.</param>
public sealed record TargetMetricResult(string Name, string Source, string Unit, double Mean, double P95, double Max, IReadOnlyList<TargetPointResult> Series)
{
    /// <summary>The most the target may use in the same unit (cores it may run on, its cgroup's memory limit), when known: a threshold in % is judged against it.</summary>
    public double? Limit { get; init; }

    /// <summary>Smallest per-second value.</summary>
    public double Min { get; init; }

    /// <summary>Its last value (what a gauge ended at).</summary>
    public double Last { get; init; }
}
