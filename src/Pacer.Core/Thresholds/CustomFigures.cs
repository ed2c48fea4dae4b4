using Pacer.Core.Plans;
using Pacer.Core.Recording;

namespace Pacer.Core.Thresholds;

/// <summary>One metric the plan declared.</summary>
/// <param name="Spec">Its name and kind.</param>
/// <param name="Trues">Rate: how many values were true. Counter: the sum.</param>
/// <param name="Totals">Rate: how many values were added.</param>
/// <param name="Trend">Trend: the values in microseconds (null for other kinds).</param>
internal sealed record CustomFigures(CustomMetricSpec Spec, long Trues, long Totals, LatencyHistogram? Trend);
