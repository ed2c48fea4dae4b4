namespace Pacer.Analysis.Findings;

/// <summary>What a finding says limited the service (docs/watching.md#findings lists each rule's trigger).</summary>
public enum FindingKind
{
    /// <summary>Pacer itself could not keep up: the numbers may describe the generator rather than the service.</summary>
    GeneratorLimited,

    /// <summary>The target used (nearly) all the CPU it may, for a sustained stretch.</summary>
    CpuBound,

    /// <summary>The target's cgroup CPU quota held it back.</summary>
    Throttled,

    /// <summary>Latency rose while the target's CPU stayed low (or was not watched): a lock, a pool limit or a downstream call.</summary>
    LatencyRose,

    /// <summary>Errors rose with load (or as the run went on).</summary>
    ErrorsRose,

    /// <summary>The target's memory grew without levelling off: a leak suspect.</summary>
    MemoryGrowth,

    /// <summary>The target spent a large share of its time in garbage collection.</summary>
    GcTime,
}
