namespace Pacer.Analysis.Capacity;

/// <summary>
/// One constant-load step of a capacity search, judged on its own window. Latencies are milliseconds from the intended start.
/// </summary>
/// <param name="Level">The load held: arrivals per second (open plan) or virtual users (closed plan).</param>
/// <param name="Achieved">Requests completed per second over the step.</param>
/// <param name="P50">Median latency.</param>
/// <param name="P95">95th percentile latency.</param>
/// <param name="P99">99th percentile latency.</param>
/// <param name="MeanLatency">Mean latency (Little's law turns it and <paramref name="Achieved"/> into the concurrency).</param>
/// <param name="Requests">Requests completed.</param>
/// <param name="Errors">Of which failed.</param>
/// <param name="Breaches">What did not hold in this step (a threshold with its value, dropped arrivals, errors …); empty when the step held.</param>
public sealed record CapacityStep(
    double Level,
    double Achieved,
    double P50,
    double P95,
    double P99,
    double MeanLatency,
    long Requests,
    long Errors,
    IReadOnlyList<string> Breaches)
{
    /// <summary>True when every target held in this step.</summary>
    public bool Held => Breaches.Count == 0;

    /// <summary>Its position in the search (1-based); set by the search.</summary>
    public int Index { get; init; }

    /// <summary>Why the search ran it; set by the search.</summary>
    public CapacityPhase Phase { get; init; }

    /// <summary>Seconds of load the step lasted.</summary>
    public double Seconds { get; init; }

    /// <summary>Whether the per-second throughput and latency had stopped trending when the step ended (false: it ran to its longest).</summary>
    public bool Steady { get; init; }

    /// <summary>Whether the step was stopped early because it was clearly over the targets.</summary>
    public bool StoppedEarly { get; init; }

    /// <summary>Whether the load generator itself was saturated in this step (its lag or CPU), so a miss may be Pacer's, not the service's.</summary>
    public bool GeneratorLimited { get; init; }

    /// <summary>Arrivals dropped because no connection was free in time (open plans).</summary>
    public long Dropped { get; init; }

    /// <summary>Mean CPU of the watched target over the step, in cores; null when not watched.</summary>
    public double? TargetCpu { get; init; }

    /// <summary>The cores the target may use (its cgroup quota, or the machine), when known.</summary>
    public double? TargetCpuLimit { get; init; }

    /// <summary>Largest memory of the watched target in the step, bytes; null when not watched.</summary>
    public double? TargetMemory { get; init; }

    /// <summary>Share of the requests that failed (0 without requests).</summary>
    public double ErrorRate => Requests == 0 ? 0 : (double)Errors / Requests;

    /// <summary>Mean requests in flight by Little's law: throughput × mean latency.</summary>
    public double Concurrency => Achieved * MeanLatency / 1000.0;
}
