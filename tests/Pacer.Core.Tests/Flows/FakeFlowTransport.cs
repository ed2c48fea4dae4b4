using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Pacer.Core.Transport;

namespace Pacer.Core.Tests.Flows;

/// <summary>A transport that answers flow requests from a script, at once, with chosen timestamps; it remembers what was sent.</summary>
internal sealed class FakeFlowTransport(Func<SentRequest, (int Status, string Body, long SendTicks, long EndTicks)> answer) : ITransport
{
    public string Name => "fake";

    public TransportCapabilities Capabilities { get; } = TestTransports.FakeCapabilities();

    public IReadOnlyDictionary<ErrorKind, string> FirstErrorExamples { get; } = new Dictionary<ErrorKind, string>();

    public ConcurrentQueue<SentRequest> Sent { get; } = new();

    public static FakeFlowTransport Always(int status, string body) =>
        new(_ => (status, body, Stopwatch.GetTimestamp(), Stopwatch.GetTimestamp()));

    public ValueTask<TransportResult> ExchangeAsync(ExchangeRequest request, ExchangeResponse? response, long notBeforeTicks, CancellationToken cancellationToken)
    {
        TransportContract.EnsureNotHeld(this, notBeforeTicks);
        var sent = SentRequest.Of(request);
        Sent.Enqueue(sent);
        var (status, body, send, end) = answer(sent);
        var result = new TransportResult(status, ErrorKindNames.FromStatus(status), send, end, 10, body.Length);
        response!.Fill(result, [new("Content-Type", "application/json")], Encoding.UTF8.GetBytes(body));
        return ValueTask.FromResult(result);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
