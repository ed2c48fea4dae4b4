namespace Pacer.Core.Plans;

/// <summary>The load shape. A constant <c>rate</c>/<c>vus</c> with a <c>duration</c> is one stage whose start equals its target.</summary>
/// <param name="Model">Open (arrival rate) or closed (virtual users).</param>
/// <param name="StartTarget">The target before the first stage begins (k6 <c>startRate</c>/<c>startVUs</c>); 0 by default for ramps.</param>
/// <param name="Stages">At least one stage; total duration positive.</param>
/// <param name="MaxConnections">Open model: how many requests may be in flight at once (the connection pool). Arrivals beyond it wait, and the wait counts in their latency.</param>
/// <param name="MaxQueueWait">Open model: an arrival that waited longer than this for a connection is dropped and counted in <c>dropped_iterations</c>.</param>
/// <param name="MaxRequests">Optional bound on the number of requests sent; the run ends when it is reached.</param>
/// <param name="GracefulStop">How long in-flight requests may finish after the last stage ends before they are cancelled.</param>
public sealed record LoadProfile(
    LoadModel Model,
    double StartTarget,
    IReadOnlyList<Stage> Stages,
    int MaxConnections,
    TimeSpan MaxQueueWait,
    long? MaxRequests,
    TimeSpan GracefulStop)
{
    /// <summary>Default open-model pool size when the plan names none.</summary>
    public const int DefaultMaxConnections = 1000;

    /// <summary>Send each request once, unrecorded, before the clock starts (plan key <c>warmup</c>, default true).</summary>
    public bool Warmup { get; init; } = true;

    /// <summary>The highest target the load reaches: its start or a stage's (arrivals/s or users).</summary>
    internal double PeakTarget => Stages.Aggregate(StartTarget, (peak, s) => Math.Max(peak, s.Target));

    /// <summary>Total planned duration: the sum of the stages.</summary>
    public TimeSpan Duration => Stages.Aggregate(TimeSpan.Zero, (sum, s) => sum + s.Duration);
}
