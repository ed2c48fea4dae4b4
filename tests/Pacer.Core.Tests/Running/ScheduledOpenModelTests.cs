using Pacer.Core.Plans;
using Pacer.Core.Recording;
using Pacer.Core.Running;
using Pacer.Core.Tests.Timing;
using Pacer.Core.Timing;
using Pacer.Core.Transport;

namespace Pacer.Core.Tests.Running;

/// <summary>The open model on a transport that paces the writes itself: lag and queue time count from the intended start.</summary>
public sealed class ScheduledOpenModelTests
{
    [Fact]
    public async Task RunAsync_TransportWritesLate_LateWriteIsSchedulingLagAndQueueTime()
    {
        // Every request goes out 3 ms after its intended time, as if the event loop woke late: the generator's lag, not the
        // service's, and visible in the latency users felt. On a fake clock, so every figure is exactly 3 ms.
        var time = new SteppedTime();
        var transport = new LateWritingTransport(time, TimeSpan.FromMilliseconds(3));
        var plan = TestPlans.Open(new Uri("http://127.0.0.1:9/"), rate: 500, seconds: 1);
        plan = plan with { Load = plan.Load with { Warmup = false } };

        // Time moves on only while the dispatcher waits for its next arrival (or has released them all): what a worker does
        // with an arrival it was handed (send it at its intended time, plus 3 ms) does not depend on when it gets to it.
        var outcome = await SimulatedRun.RunAsync(plan, transport, time, () => transport.Scheduled < 500 && time.DispatcherWaiting);

        var threeMilliseconds = new LatencyHistogram();
        threeMilliseconds.Record(3_000);
        Assert.Equal(500, outcome.Totals.Requests);
        Assert.Equal(500, transport.Scheduled);
        Assert.Equal(threeMilliseconds.ValueAtPercentile(50) / 1000.0, outcome.Generator.LagP50Ms);
        Assert.Equal(threeMilliseconds.Max / 1000.0, outcome.Generator.LagMaxMs);
        Assert.Equal(threeMilliseconds.ValueAtPercentile(50), outcome.Totals.QueueTime.ValueAtPercentile(50));
        Assert.Equal(threeMilliseconds.Max, outcome.Totals.QueueTime.Max);
        Assert.Equal(0, outcome.Totals.QueueTime.Min - threeMilliseconds.Min);
    }

    /// <summary>Answers at once, reporting each request written <c>lateness</c> after its intended time.</summary>
    private sealed class LateWritingTransport(TimeProvider time, TimeSpan lateness) : ITransport
    {
        private readonly long latenessTicks = TickSource.ToTicks(lateness);
        private readonly TickSource ticks = TickSource.For(time);
        private int scheduled;

        public int Scheduled => Volatile.Read(ref scheduled);

        public string Name => "late-writing";

        public IReadOnlyDictionary<ErrorKind, string> FirstErrorExamples { get; } = new Dictionary<ErrorKind, string>();

        public TransportCapabilities Capabilities { get; } = TestTransports.FakeCapabilities(holds: true);

        public ValueTask<TransportResult> ExchangeAsync(ExchangeRequest request, ExchangeResponse? response, long notBeforeTicks, CancellationToken cancellationToken)
        {
            if (notBeforeTicks == 0)
            {
                notBeforeTicks = ticks.Now;
            }

            Interlocked.Increment(ref scheduled);
            var sent = notBeforeTicks + latenessTicks;
            return ValueTask.FromResult(new TransportResult(200, ErrorKind.None, sent, sent + TickSource.ToTicks(TimeSpan.FromMilliseconds(0.1)), 20, 40));
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
