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
    long LatencyMaxMicros)
{
    /// <summary>
    /// The <c>t</c> of the second that ended <paramref name="elapsedSeconds"/> after load started: the key every per-second
    /// series of the result shares (the run's, each name's, each watched metric's), so they line up exactly. Millisecond
    /// resolution; the run's end waits out the last tick's millisecond so that no two intervals share a key.
    /// </summary>
    public static double SecondKey(double elapsedSeconds) => Math.Round(elapsedSeconds, 3);
}
