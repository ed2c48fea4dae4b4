using Pacer.Core.Transport;

namespace Pacer.Core.Recording;

/// <summary>Everything recorded for one request name, as of the last tick.</summary>
internal sealed class RequestTotals(string name)
{
    public string Name { get; } = name;

    public long Requests { get; internal set; }

    public long Failures { get; internal set; }

    public long BytesSent { get; internal set; }

    public long BytesReceived { get; internal set; }

    /// <summary>Latency from the intended start.</summary>
    public LatencyHistogram Latency { get; } = new();

    /// <summary>Latency of expected responses only (no error): k6's <c>{expected_response:true}</c>.</summary>
    public LatencyHistogram ExpectedLatency { get; } = new();

    /// <summary>Latency of failed requests only (abandoned ones as a lower bound).</summary>
    public LatencyHistogram FailedLatency { get; } = new();

    /// <summary>From the actual send; responses only.</summary>
    public LatencyHistogram ServiceTime { get; } = new();

    /// <summary>From the intended start to the actual send; responses only.</summary>
    public LatencyHistogram QueueTime { get; } = new();

    /// <summary>Failures of this name by kind.</summary>
    public Dictionary<ErrorKind, long> Errors { get; } = [];
}
