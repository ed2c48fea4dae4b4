namespace Pacer.Core.Plans.Tuning;

/// <summary>What <c>pacer tune</c> optimises (docs/tuning.md#objective).</summary>
public enum TuneObjective
{
    /// <summary>Maximise the requests per second the plan achieved (a closed-model plan that saturates the service measures its capacity cheaply).</summary>
    Throughput,

    /// <summary>Maximise the highest arrival rate at which the thresholds hold (a capacity search per trial).</summary>
    Capacity,

    /// <summary>Minimise the 99th percentile of <c>http_req_duration</c> at the plan's own (fixed) load.</summary>
    P99,

    /// <summary>Minimise the service's CPU time per request (the watched service's <c>target_cpu</c>).</summary>
    CpuPerRequest,
}
