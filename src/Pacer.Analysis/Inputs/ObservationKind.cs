namespace Pacer.Analysis.Inputs;

/// <summary>What kind of data an observation holds, which decides how it is compared (docs/compare.md).</summary>
public enum ObservationKind
{
    /// <summary>A latency quantile of one run (<see cref="Observation.Value"/>, ms); <see cref="Observation.Samples"/> holds the
    /// run's latency distribution (or a faithful thinning of it, in ms) so the quantile can be bootstrapped.</summary>
    LatencyQuantile,

    /// <summary>Requests (or iterations) per second of one run; <see cref="Observation.Samples"/> holds per-second counts when known.</summary>
    Throughput,

    /// <summary>A failure share of one run: <see cref="Observation.Failures"/> of <see cref="Observation.Total"/>.</summary>
    ErrorRate,

    /// <summary>Microbenchmark measurements (time or allocation per operation); <see cref="Observation.Samples"/> holds them.</summary>
    Benchmark,
}
