using Pacer.Core.Transport;

namespace Pacer.Core.Transport;

/// <summary>
/// A flow transport that can be handed a step's request ahead of its time and writes it itself, not before a given moment, on
/// the thread that owns the connection: a request after a think time then needs no timer wake-up and no thread hop, and its
/// send time is when its bytes were written.
/// </summary>
internal interface IScheduledFlowTransport : IFlowTransport
{
    /// <summary>
    /// As <see cref="IFlowTransport.ExchangeAsync"/>, but the request is written no earlier than Stopwatch tick
    /// <paramref name="notBeforeTicks"/> (at once if that has passed); its timeout runs from then. A request still held when
    /// <paramref name="cancellationToken"/> is cancelled is never written.
    /// </summary>
    ValueTask<TransportResult> ExchangeAtAsync(FlowRequest request, FlowResponse response, long notBeforeTicks, CancellationToken cancellationToken);
}
