using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Pacer.Core.Flows;
using Pacer.Core.Transport;

namespace Pacer.Core.Tests.Flows;

/// <summary>A transport that answers flow requests from a script, at once, with chosen timestamps; it remembers what was sent.</summary>
internal sealed class FakeFlowTransport(Func<FlowRequest, (int Status, string Body, long SendTicks, long EndTicks)> answer) : IFlowTransport
{
    public ConcurrentQueue<FlowRequest> Sent { get; } = new();

    public static FakeFlowTransport Always(int status, string body) =>
        new(_ => (status, body, Stopwatch.GetTimestamp(), Stopwatch.GetTimestamp()));

    public ValueTask<FlowResponse> ExchangeAsync(FlowRequest request, CancellationToken cancellationToken)
    {
        Sent.Enqueue(request);
        var (status, body, send, end) = answer(request);
        var headers = new List<KeyValuePair<string, string>> { new("Content-Type", "application/json") };
        return ValueTask.FromResult(new FlowResponse(new TransportResult(status, ErrorKindNames.FromStatus(status), send, end, 10, body.Length), headers, Encoding.UTF8.GetBytes(body)));
    }
}
