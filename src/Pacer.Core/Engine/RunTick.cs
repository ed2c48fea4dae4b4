using Pacer.Core.Recording;

namespace Pacer.Core.Engine;

/// <summary>
/// One second of a run, as the engine's ticker merged it: immutable, so an observer may keep it. Its figures are the same
/// numbers the result's per-second series holds for that second.
/// </summary>
public sealed record RunTick
{
    /// <summary>The <see cref="IntervalFigures.Name"/> of <see cref="All"/>.</summary>
    public const string AllName = "*";

    /// <summary>Time since load started, at the end of this second.</summary>
    public required TimeSpan Elapsed { get; init; }

    /// <summary>The plan's planned duration.</summary>
    public required TimeSpan Planned { get; init; }

    /// <summary>How long this interval was, in seconds (about 1; the first and last may differ).</summary>
    public required double IntervalSeconds { get; init; }

    /// <summary>All requests together.</summary>
    public required IntervalFigures All { get; init; }

    /// <summary>Per request name, in plan order; names with no request completed in this second are left out.</summary>
    public required IReadOnlyList<IntervalFigures> Requests { get; init; }

    /// <summary>The <c>vus</c> gauge at the tick: virtual users running (closed model) or iterations in progress, i.e. requests in flight for a request mix (open model).</summary>
    public required int Vus { get; init; }

    /// <summary>Open-model arrivals dropped in this second (no connection free within <c>max_queue_wait</c>).</summary>
    public required long Dropped { get; init; }

    /// <summary>Bytes sent in this second.</summary>
    public required long DataSent { get; init; }

    /// <summary>Bytes received in this second.</summary>
    public required long DataReceived { get; init; }

    /// <summary>Requests completed since load started.</summary>
    public required long TotalRequests { get; init; }

    /// <summary>Of which failed.</summary>
    public required long TotalErrors { get; init; }

    /// <summary>Requests (or virtual-user resumptions) whose scheduling lag — the generator's own lateness — was measured in this second.</summary>
    public required long LagSamples { get; init; }

    /// <summary>Of those, how many were later than the generator's lag limit (the saturation verdict's 5 ms).</summary>
    public required long LateSamples { get; init; }

    /// <summary>99th percentile of that scheduling lag, ms (0 without samples).</summary>
    public required double LagP99 { get; init; }

    /// <summary>The run's live totals, for the engine's own threshold observer only: merged in place each second, read under a lock on them.</summary>
    internal RecorderTotals? Live { get; init; }
}
