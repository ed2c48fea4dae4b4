using Pacer.Core.Recording;

namespace Pacer.Core.Running;

/// <summary>What the run looks like at one tick, for live progress displays.</summary>
/// <param name="Elapsed">Time since load started.</param>
/// <param name="Planned">Planned duration.</param>
/// <param name="Interval">The last second.</param>
/// <param name="Totals">Totals so far (read on the ticker; do not keep).</param>
internal sealed record LiveStatus(TimeSpan Elapsed, TimeSpan Planned, IntervalStats Interval, RecorderTotals Totals);
