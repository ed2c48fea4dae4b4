using System.Collections.Concurrent;
using System.Text;
using Pacer.Core.Transport;

namespace Pacer.Core.Tests.Flows;

/// <summary>
/// A transport that can hold a step until a tick, as the epoll loop does, answering from a script given the tick it was
/// asked not to send before (0: at once); it remembers each request with that tick.
/// </summary>
internal sealed class HoldingFlowTransport(Func<SentRequest, long, (int Status, long SendTicks, long EndTicks)> answer) : IScheduledFlowTransport
{
    public ConcurrentQueue<(SentRequest Request, long NotBefore)> Sent { get; } = new();

    public ValueTask<TransportResult> ExchangeAsync(FlowRequest request, FlowResponse response, CancellationToken cancellationToken) =>
        ExchangeAtAsync(request, response, 0, cancellationToken);

    public ValueTask<TransportResult> ExchangeAtAsync(FlowRequest request, FlowResponse response, long notBeforeTicks, CancellationToken cancellationToken)
    {
        var sent = SentRequest.Of(request);
        Sent.Enqueue((sent, notBeforeTicks));
        var (status, send, end) = answer(sent, notBeforeTicks);
        var result = new TransportResult(status, ErrorKindNames.FromStatus(status), send, end, 10, 2);
        response.Fill(result, [], Encoding.UTF8.GetBytes("{}"));
        return ValueTask.FromResult(result);
    }
}
