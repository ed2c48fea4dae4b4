using System.Diagnostics;
using Pacer.Core.Plans;
using Pacer.Core.Running;
using Pacer.Core.Transport;

namespace Pacer.Core.Tests.Running;

/// <summary>The open model on a transport that paces the writes itself: lag and queue time count from the intended start.</summary>
public sealed class ScheduledOpenModelTests
{
    [Fact]
    public async Task RunAsync_TransportWritesLate_LateWriteIsSchedulingLagAndQueueTime()
    {
        // Every request goes out 3 ms after its intended time, as if the event loop woke late: the generator's lag, not the
        // service's, and visible in the latency users felt.
        var lateness = TimeSpan.FromMilliseconds(3);
        await using var transport = new LateWritingTransport(lateness);
        var plan = TestPlans.Open(new Uri("http://127.0.0.1:9/"), rate: 500, seconds: 1) with { };
        plan = plan with { Load = plan.Load with { Warmup = false } };

        var outcome = await LoadRunner.RunAsync(plan, transport, new RunOptions(), CancellationToken.None);

        Assert.Equal(500, outcome.Totals.Requests);
        Assert.Equal(500, transport.Scheduled);
        Assert.InRange(outcome.Generator.LagP50Ms, 2.9, 3.2);
        Assert.InRange(outcome.Generator.LagMaxMs, 2.9, 3.2);
        Assert.InRange(outcome.Totals.QueueTime.ValueAtPercentile(50), 2_900, 3_200);
    }

    /// <summary>Answers at once, reporting each request written <c>lateness</c> after its intended time.</summary>
    private sealed class LateWritingTransport(TimeSpan lateness) : ITransport
    {
        private readonly long latenessTicks = (long)(lateness.TotalSeconds * Stopwatch.Frequency);
        private int scheduled;

        public int Scheduled => Volatile.Read(ref scheduled);

        public string Name => "late-writing";

        public IReadOnlyDictionary<ErrorKind, string> FirstErrorExamples { get; } = new Dictionary<ErrorKind, string>();

        public TransportCapabilities Capabilities { get; } = TestTransports.FakeCapabilities(holds: true);

        public ValueTask<TransportResult> ExchangeAsync(ExchangeRequest request, FlowResponse? response, long notBeforeTicks, CancellationToken cancellationToken)
        {
            if (notBeforeTicks == 0)
            {
                notBeforeTicks = Stopwatch.GetTimestamp();
            }

            Interlocked.Increment(ref scheduled);
            var sent = notBeforeTicks + latenessTicks;
            return ValueTask.FromResult(new TransportResult(200, ErrorKind.None, sent, sent + (Stopwatch.Frequency / 10_000), 20, 40));
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
