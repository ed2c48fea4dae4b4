using System.Diagnostics;
using Pacer.Core.Plans;
using Pacer.Core.Running;
using Pacer.Core.Transport;
using Xunit.Abstractions;

namespace Pacer.Core.Tests.Running;

/// <summary>
/// The open model's hand-off from the dispatcher to the connection workers on a transport that neither paces the writes nor
/// runs an event loop (as HttpClient and the portable Socket transport do): measured like the engine's bound
/// (<see cref="AllocationProbe"/>), in the same collection.
/// </summary>
[Collection(nameof(AllocationMeasurement))]
public sealed class OpenModelAllocationTests(ITestOutputHelper output)
{
    [Fact]
    public async Task RunAsync_OpenModelOnAnUnscheduledTransport_HandOffAllocatesNothingPerRequest()
    {
        // The transport answers at once and allocates nothing, so whatever 100,000 requests allocate is the engine's: each
        // arrival is released at its time, taken by a waiting worker, sent and recorded. Through a channel's cancellable
        // ReadAsync every wait allocated a waiter and a cancellation registration.
        await using var transport = new InstantTransport();
        var figure = await AllocationProbe.PerHundredThousandAsync(n => AllocatedDuringOpenRunAsync(transport, n), 20_000, 100_000, attempts: 4);
        var perHundredThousand = figure.PerHundredThousand;
        output.WriteLine(figure.ToString());
        Assert.True(perHundredThousand < AllocationProbe.AllowedPerHundredThousand, $"100,000 requests allocated {perHundredThousand:N0} bytes");
    }

    private static async Task<long> AllocatedDuringOpenRunAsync(InstantTransport transport, long requests)
    {
        // At 40,000 arrivals/s the runs are short, which leaves the test host's own allocations less time to add noise.
        const double Rate = 40_000;
        var plan = TestPlans.Open(new Uri("http://127.0.0.1:9/"), Rate, seconds: requests / Rate, maxConnections: 50);
        plan = plan with { Load = plan.Load with { Warmup = false } };
        var sentBefore = transport.Sent;
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var outcome = await LoadRunner.RunAsync(plan, transport, new RunOptions(), CancellationToken.None);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Assert.Equal(requests, outcome.Totals.Requests + outcome.Totals.Dropped);
        Assert.Equal(outcome.Totals.Requests, transport.Sent - sentBefore);
        Assert.Equal(0, outcome.Totals.Failures);
        return allocated;
    }

    /// <summary>Answers every request at once with a 200, completing synchronously: no connection, no allocation.</summary>
    private sealed class InstantTransport : ITransport
    {
        private long sent;

        public long Sent => Interlocked.Read(ref sent);

        public string Name => "instant";

        public IReadOnlyDictionary<ErrorKind, string> FirstErrorExamples { get; } = new Dictionary<ErrorKind, string>();

        public TransportCapabilities Capabilities { get; } = TestTransports.FakeCapabilities();

        public ValueTask<TransportResult> ExchangeAsync(ExchangeRequest request, ExchangeResponse? response, long notBeforeTicks, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref sent);
            var now = Stopwatch.GetTimestamp();
            return ValueTask.FromResult(new TransportResult(200, ErrorKind.None, now, now, 20, 40));
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
