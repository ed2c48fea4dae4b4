using Pacer.Core.Recording;

namespace Pacer.Core.Thresholds;

/// <summary>The durations of one scenario group, in microseconds.</summary>
internal sealed record GroupFigures(string Name, LatencyHistogram Durations);
