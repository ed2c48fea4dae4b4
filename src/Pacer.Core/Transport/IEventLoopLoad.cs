namespace Pacer.Core.Transport;

/// <summary>
/// How a transport's event loops say how much processor time each has used (declared as
/// <see cref="TransportCapabilities.EventLoops"/>). A loop that never sleeps is the generator's bottleneck even
/// when the process as a whole looks half idle (one pegged loop on two cores is 50% CPU): responses then wait in socket
/// buffers until the loop gets to them, which reads as the service's latency, not as scheduling lag.
/// </summary>
internal interface IEventLoopLoad
{
    /// <summary>How many event loops there are.</summary>
    int EventLoopCount { get; }

    /// <summary>Writes each loop thread's processor time so far, in nanoseconds, into <paramref name="cpuNanoseconds"/>.</summary>
    void ReadCpuNanoseconds(Span<long> cpuNanoseconds);
}
