using System.Collections.Concurrent;
using System.Text;
using Pacer.Core.Transport;

namespace Pacer.Core.Tests.Flows;

/// <summary>
/// A transport that can hold a step until a tick, as the epoll loop does, answering from a script given the tick it was
/// asked not to send before (0: at once); it remembers each request with that tick.
/// </summary>
internal sealed class HoldingFlowTransport(Func<SentRequest, long, (int Status, long SendTicks, long EndTicks)> answer) : ITransport
{
    public string Name => "holding";

    public TransportCapabilities Capabilities { get; } = TestTransports.FakeCapabilities(holds: true);

    public IReadOnlyDictionary<ErrorKind, string> FirstErrorExamples { get; } = new Dictionary<ErrorKind, string>();

    public ConcurrentQueue<(SentRequest Request, long NotBefore)> Sent { get; } = new();

    public ValueTask<TransportResult> ExchangeAsync(ExchangeRequest request, ExchangeResponse? response, long notBeforeTicks, CancellationToken cancellationToken)
    {
        var sent = SentRequest.Of(request);
        Sent.Enqueue((sent, notBeforeTicks));
        var (status, send, end) = answer(sent, notBeforeTicks);
        var result = new TransportResult(status, ErrorKindNames.FromStatus(status), send, end, 10, 2);
        response!.Fill(result, [], Encoding.UTF8.GetBytes("{}"));
        return ValueTask.FromResult(result);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
