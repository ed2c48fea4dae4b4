using Pacer.Core.Recording;

namespace Pacer.Core.Thresholds;

/// <summary>What was recorded for one request name, or for all requests together (histograms in microseconds).</summary>
/// <param name="Name">The request name (empty for all requests).</param>
/// <param name="Method">Its HTTP method (empty for all requests).</param>
/// <param name="Requests">Requests recorded, failures included.</param>
/// <param name="Failures">Of those, failed ones.</param>
/// <param name="BytesSent">Bytes written.</param>
/// <param name="BytesReceived">Bytes read.</param>
/// <param name="Latency">Latency from the intended start, every request.</param>
/// <param name="ExpectedLatency">Latency of expected responses only; null when the source did not keep it apart.</param>
/// <param name="FailedLatency">Latency of failed requests only; null when the source did not keep it apart.</param>
/// <param name="ServiceTime">From the actual send; responses only.</param>
/// <param name="QueueTime">From the intended start to the actual send; responses only.</param>
internal sealed record RequestFigures(
    string Name,
    string Method,
    long Requests,
    long Failures,
    long BytesSent,
    long BytesReceived,
    LatencyHistogram Latency,
    LatencyHistogram? ExpectedLatency,
    LatencyHistogram? FailedLatency,
    LatencyHistogram ServiceTime,
    LatencyHistogram QueueTime);
