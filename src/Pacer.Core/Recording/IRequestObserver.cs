using Pacer.Core.Transport;

namespace Pacer.Core.Recording;

/// <summary>
/// Sees every request exactly as the recorder is given it — its intended start and the transport's result, raw ticks before
/// any rounding or clamping — so the truth tests can check per request that intended start ≤ send ≤ end. Called on the hot
/// path, on whichever thread records: an implementation must be quick, thread-safe and allocation-free.
/// </summary>
internal interface IRequestObserver
{
    /// <summary>One finished request, as passed to <see cref="RunRecorder.RecordRequest"/>.</summary>
    void Observe(int requestIndex, long intendedTicks, in TransportResult result);
}
