namespace Pacer.Core.Results;

/// <summary>How the load generator itself fared (see docs/results-schema.md#generator).</summary>
/// <param name="LagP50">Median scheduling lag, ms.</param>
/// <param name="LagP99">99th percentile scheduling lag, ms.</param>
/// <param name="LagMax">Largest scheduling lag, ms.</param>
/// <param name="CpuMean">Mean process CPU as a fraction of the cores (0–1).</param>
/// <param name="CpuMax">Highest one-second CPU fraction.</param>
/// <param name="BusyFraction">Share of the run's seconds with CPU above 90% of the cores.</param>
/// <param name="Cores">Cores available.</param>
/// <param name="Saturated">True when the lag gave evidence (p99 &gt; 5 ms with at least 10 requests &gt; 5 ms late, or most requests
/// &gt; 5 ms late in at least 3 seconds and more than 10% of them), or CPU or an event loop was &gt; 90% busy for more than 10% of the run.</param>
public sealed record GeneratorInfo(double LagP50, double LagP99, double LagMax, double CpuMean, double CpuMax, double BusyFraction, int Cores, bool Saturated)
{
    /// <summary>Share of the run's seconds in which the busiest event loop was busy more than 90% of the time (0 for transports without event loops, and in files from before it existed).</summary>
    public double LoopBusyFraction { get; init; }

    /// <summary>
    /// Requests whose timestamps were out of order (sent before their intended start, or answered before they were sent), so a
    /// negative queue or service time was floored to 0; always 0 unless Pacer has a bug, and a warning says so when it is not.
    /// </summary>
    public long ClampedTimings { get; init; }

    /// <summary>Requests whose scheduling lag was measured (0 in files from before it existed).</summary>
    public long LagSamples { get; init; }

    /// <summary>Of those, how many went out more than 5 ms late.</summary>
    public long LagLate { get; init; }

    /// <summary>Seconds of the run in which lag was measured.</summary>
    public int LagSeconds { get; init; }

    /// <summary>Of those, how many had most of their requests more than 5 ms late.</summary>
    public int LagLateSeconds { get; init; }

    /// <summary>The evidence behind <see cref="Saturated"/>: <c>late_requests</c>, <c>sustained_lag</c>, <c>cpu</c>, <c>event_loop</c>; empty when not saturated, null in files from before it existed.</summary>
    public IReadOnlyList<string>? SaturatedBy { get; init; }

    /// <summary>Connections the transport opened during the run, warm-up included; null when the transport cannot count them (unknown, not 0).</summary>
    public long? ConnectionsOpened { get; init; }

    /// <summary>
    /// Connections closed because the server sent bytes no request asked for (on an idle keep-alive connection, or after a
    /// complete response); null when the transport cannot see them (HttpClient) and in files from before it existed.
    /// </summary>
    public long? ConnectionsWithStrayBytes { get; init; }
}
