using Pacer.Core.Recording;

namespace Pacer.Core.Running;

/// <summary>What the ticker saw at one tick. Only <see cref="Totals"/> is live; everything else may be kept.</summary>
/// <param name="Elapsed">Time since load started.</param>
/// <param name="Planned">Planned duration.</param>
/// <param name="Interval">The last second, all request names together.</param>
/// <param name="Names">The last second per request name, in plan order (a copy).</param>
/// <param name="Totals">Totals so far: merged in place by the ticker, so read only under a lock on this object, and not kept.</param>
/// <param name="Lag">The generator's scheduling lag in the last second.</param>
/// <param name="LagP99Micros">Its 99th percentile, microseconds.</param>
internal sealed record TickReport(
    TimeSpan Elapsed,
    TimeSpan Planned,
    IntervalStats Interval,
    IReadOnlyList<NameInterval> Names,
    RecorderTotals Totals,
    LagTick Lag,
    long LagP99Micros);
