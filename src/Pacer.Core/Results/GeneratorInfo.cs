namespace Pacer.Core.Results;

/// <summary>How the load generator itself fared (see docs/results-schema.md#generator).</summary>
/// <param name="LagP50">Median scheduling lag, ms.</param>
/// <param name="LagP99">99th percentile scheduling lag, ms.</param>
/// <param name="LagMax">Largest scheduling lag, ms.</param>
/// <param name="CpuMean">Mean process CPU as a fraction of the cores (0–1).</param>
/// <param name="CpuMax">Highest one-second CPU fraction.</param>
/// <param name="BusyFraction">Share of the run's seconds with CPU above 90% of the cores.</param>
/// <param name="Cores">Cores available.</param>
/// <param name="Saturated">True when lag p99 &gt; 5 ms, or CPU or an event loop &gt; 90% busy for more than 10% of the run.</param>
public sealed record GeneratorInfo(double LagP50, double LagP99, double LagMax, double CpuMean, double CpuMax, double BusyFraction, int Cores, bool Saturated)
{
    /// <summary>Share of the run's seconds in which the busiest event loop was busy more than 90% of the time (0 for transports without event loops, and in files from before it existed).</summary>
    public double LoopBusyFraction { get; init; }

    /// <summary>
    /// Requests whose timestamps were out of order (sent before their intended start, or answered before they were sent), so a
    /// negative queue or service time was floored to 0; always 0 unless Pacer has a bug, and a warning says so when it is not.
    /// </summary>
    public long ClampedTimings { get; init; }
}
