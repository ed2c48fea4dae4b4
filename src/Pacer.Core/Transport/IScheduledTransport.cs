using Pacer.Core.Plans;

namespace Pacer.Core.Transport;

/// <summary>
/// A transport that can be handed a request ahead of time and writes it itself at a given moment, on the thread that owns the
/// connection. The open model uses it to hand over a batch of arrivals per dispatcher wake-up instead of waking two threads
/// for every arrival; the transport then paces the writes.
/// </summary>
internal interface IScheduledTransport
{
    /// <summary>
    /// Sends <paramref name="request"/> no earlier than Stopwatch tick <paramref name="notBeforeTicks"/> (at once if that has
    /// passed). The result's <see cref="TransportResult.SendTicks"/> is when the bytes were written, so its difference from
    /// <paramref name="notBeforeTicks"/> is how late the transport was. Cancellation and errors behave as in
    /// <see cref="ITransport.SendAsync"/>; a request still held when <paramref name="cancellationToken"/> is cancelled is never written.
    /// </summary>
    ValueTask<TransportResult> SendAtAsync(RequestSpec request, long notBeforeTicks, CancellationToken cancellationToken);
}
