namespace Pacer.Core.Recording;

/// <summary>One second of a run, all request names together. Latencies in microseconds, from the intended start, of requests completed in the interval.</summary>
internal readonly record struct IntervalStats(
    double ElapsedSeconds,
    long Requests,
    long Failures,
    long Dropped,
    long BytesSent,
    long BytesReceived,
    int Active,
    long LatencyP50Micros,
    long LatencyP95Micros,
    long LatencyP99Micros,
    long LatencyMaxMicros);
