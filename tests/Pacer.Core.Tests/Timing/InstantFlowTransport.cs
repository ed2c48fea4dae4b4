using System.Collections.Concurrent;
using Pacer.Core.Tests.Flows;
using Pacer.Core.Timing;
using Pacer.Core.Transport;

namespace Pacer.Core.Tests.Timing;

/// <summary>
/// A transport that answers every request and every scenario step with 200 "ok" at once, timestamped on a fake clock (sent
/// and answered at its present time), and remembers what was sent and when.
/// </summary>
internal sealed class InstantFlowTransport(TimeProvider time) : ITransport
{
    private readonly TickSource ticks = TickSource.For(time);

    /// <summary>Every request sent, with the tick it was sent at.</summary>
    public ConcurrentQueue<(SentRequest Request, long SentTicks)> Sent { get; } = new();

    public string Name => "instant";

    public IReadOnlyDictionary<ErrorKind, string> FirstErrorExamples { get; } = new Dictionary<ErrorKind, string>();

    public TransportCapabilities Capabilities { get; } = TestTransports.FakeCapabilities();

    /// <summary>How many requests named <paramref name="name"/> were sent.</summary>
    public int Count(string name) => Sent.Count(s => s.Request.Name == name);

    public ValueTask<TransportResult> ExchangeAsync(ExchangeRequest request, ExchangeResponse? response, long notBeforeTicks, CancellationToken cancellationToken)
    {
        TransportContract.EnsureNotHeld(this, notBeforeTicks);
        var now = ticks.Now;
        var result = new TransportResult(200, ErrorKind.None, now, now, 20, 2);
        if (response is null)
        {
            // A request-mix exchange: nothing reads the body, and only scenario steps are remembered.
            return ValueTask.FromResult(result);
        }

        response.Fill(result, [], "ok"u8.ToArray());
        Sent.Enqueue((SentRequest.Of(request), now));
        if (time is SteppedTime stepped)
        {
            stepped.Changed.Set();
        }

        return ValueTask.FromResult(result);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
