namespace Pacer.Core.Recording;

/// <summary>Requests that ended with one HTTP status (0: no response), as of the last tick.</summary>
internal sealed class StatusTotals
{
    public long Count => Latency.TotalCount;

    public LatencyHistogram Latency { get; } = new();
}
