using Pacer.Core.Recording;

namespace Pacer.Core.Thresholds;

/// <summary>Requests that ended with one HTTP status (0: no response), and their latency in microseconds.</summary>
internal sealed record StatusFigures(int Status, long Count, LatencyHistogram Latency);
