using System.Collections.Concurrent;
using System.Diagnostics;
using Pacer.Core.Plans;
using Pacer.Core.Running;
using Pacer.Core.Transport;

namespace Pacer.Core.Tests.Running;

public sealed class MixRequestTests
{
    [Fact]
    public void Of_OnePlan_GivesTheSameFrozenExchangesEveryTime()
    {
        var plan = TestPlans.Open(new Uri("http://127.0.0.1:9/"), rate: 10, seconds: 1);

        var first = MixRequest.Of(plan);

        Assert.Same(first, MixRequest.Of(plan));
        Assert.All(first, request => Assert.True(request.IsFrozen));
        Assert.NotSame(first, MixRequest.Of(plan with { Name = "another plan" }));
    }

    [Fact]
    public async Task RunAsync_SendsTheExchangesTheTransportWasMadeWith_InWarmUpAndRun()
    {
        // A transport prepares the mix it is made with (HttpClient decodes each request once, keyed by the object): the warm-up
        // and the run must send those very objects, not copies framed again that it has never seen.
        var plan = TestPlans.Open(new Uri("http://127.0.0.1:9/"), rate: 200, seconds: 1, maxRequests: 40);
        var known = MixRequest.Of(plan);
        await using var transport = new RecordingTransport();

        var outcome = await LoadRunner.RunAsync(plan, transport, new RunOptions(), CancellationToken.None);

        Assert.Equal(40, outcome.Totals.Requests);
        Assert.True(transport.Sent.Count > 40, $"{transport.Sent.Count} sent: the warm-up's request and the run's 40");
        Assert.All(transport.Sent, sent => Assert.Contains(known, k => ReferenceEquals(k, sent)));
    }

    /// <summary>Answers every exchange at once with 200 and keeps the request object it was given.</summary>
    private sealed class RecordingTransport : ITransport
    {
        public ConcurrentQueue<ExchangeRequest> Sent { get; } = new();

        public string Name => "recording";

        public TransportCapabilities Capabilities { get; } = TestTransports.FakeCapabilities();

        public IReadOnlyDictionary<ErrorKind, string> FirstErrorExamples { get; } = new Dictionary<ErrorKind, string>();

        public ValueTask<TransportResult> ExchangeAsync(ExchangeRequest request, ExchangeResponse? response, long notBeforeTicks, CancellationToken cancellationToken)
        {
            TransportContract.EnsureNotHeld(this, notBeforeTicks);
            Sent.Enqueue(request);
            var now = Stopwatch.GetTimestamp();
            return ValueTask.FromResult(new TransportResult(200, ErrorKind.None, now, now, 20, 2));
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
