using Microsoft.AspNetCore.Http;
using Pacer.Core.Plans;
using Pacer.Core.Recording;
using Pacer.Core.Results;
using Pacer.Core.Running;
using Pacer.Core.Tests.TestServers;
using Pacer.Core.Tests.Timing;
using Pacer.Core.Thresholds;
using Pacer.Core.Transport;
using Xunit.Abstractions;

namespace Pacer.Core.Tests.Running;

public sealed class LoadRunnerTests(ITestOutputHelper output)
{
    [Fact]
    public async Task RunAsync_OpenModelOnAFakeClock_StallShowsInTheTailExactlyAsUsersFeltIt()
    {
        // 500 requests/s for 6 s on only 10 connections; the server answers in 2 ms but freezes from 4 s to 5 s, answering
        // what it was sent then at 5.002 s. Arrivals during the freeze wait for a connection as well as for the server, up to
        // 1 s: measured from the intended start, p90 is 462 ms and p99 948 ms — worked out below the same way, request by
        // request, so the run must match it exactly. On a fake clock, so six seconds take milliseconds.
        var time = new SteppedTime();
        var transport = new SimulatedServerTransport(time, FreezeFromFourToFive);
        var plan = WithoutWarmup(TestPlans.Open(new Uri("http://127.0.0.1:9/"), rate: 500, seconds: 6, maxConnections: 10));

        var outcome = await SimulatedRun.RunAsync(plan, transport, time, () => Settled(time, transport, connections: 10, arrivals: 3000));
        var (latency, queueTime) = Expected(arrivals: 3000, rate: 500, connections: 10, FreezeFromFourToFive);
        Report("open model, simulated stalling server, fake clock", outcome);

        Assert.Equal(3000, outcome.Totals.Requests);
        Assert.Equal(0, outcome.Totals.Dropped);
        Assert.Equal(0, outcome.Totals.Failures);
        foreach (var percentile in (double[])[50, 90, 99, 99.9, 100])
        {
            Assert.Equal(latency.ValueAtPercentile(percentile), outcome.Totals.Latency.ValueAtPercentile(percentile));
            Assert.Equal(queueTime.ValueAtPercentile(percentile), outcome.Totals.QueueTime.ValueAtPercentile(percentile));
        }

        Assert.Equal(2_000, outcome.Totals.Latency.ValueAtPercentile(50), tolerance: 2);
        Assert.Equal(462_000, outcome.Totals.Latency.ValueAtPercentile(90), tolerance: 462);
        Assert.Equal(948_000, outcome.Totals.Latency.ValueAtPercentile(99), tolerance: 948);

        // The wait is visible as queue time, not hidden in the service time of a few requests; and the run ended when the
        // last arrival (5.998 s) was answered, 2 ms later — or a millisecond after that when the ticker, started a step of the
        // simulation later than time zero, ticked in that very millisecond (the end then waits it out: no second keyed twice).
        Assert.Equal(928_000, outcome.Totals.QueueTime.ValueAtPercentile(99), tolerance: 928);
        Assert.InRange(outcome.Elapsed, TimeSpan.FromSeconds(6), TimeSpan.FromSeconds(6.001));
    }

    [Fact]
    public async Task RunAsync_RunEndsOnATick_TheFinalIntervalHasASecondOfItsOwn()
    {
        // 500/s for 1 s puts the last arrival at 0.998 s; answered 1.0003 s later, the run ends at 1.9983 s, within the
        // millisecond of the second tick (1.998 s: time zero is the hand-over's 2 ms after the ticker started), which fires
        // first. The final interval still gets a key of its own, so the series (and every watcher reading joined on it) never
        // holds one second twice.
        var time = new SteppedTime();
        var transport = new SimulatedServerTransport(time, sent => sent + TimeSpan.FromSeconds(1.0003));
        var plan = WithoutWarmup(TestPlans.Open(new Uri("http://127.0.0.1:9/"), rate: 500, seconds: 1, maxConnections: 1000));

        var outcome = await SimulatedRun.RunAsync(plan, transport, time, () => Settled(time, transport, connections: 1000, arrivals: 500));

        var keys = outcome.Totals.Intervals.Select(i => IntervalStats.SecondKey(i.ElapsedSeconds)).ToList();
        Assert.Equal(500, outcome.Totals.Intervals.Sum(i => i.Requests));
        Assert.True(keys.Count >= 2, string.Join(", ", keys));
        Assert.Equal(keys.Distinct().Order(), keys);
        Assert.Equal(keys[^1], IntervalStats.SecondKey(outcome.Elapsed.TotalSeconds));
    }

    [Fact]
    public async Task RunAsync_OpenModelAgainstStallingServer_StallShowsInTheTailAsUsersFeltIt()
    {
        // The same freeze from a real server over the lean transport (the fake-clock test above has the exact figures): the
        // end-to-end shape, with bounds that a busy machine cannot break — most requests fast, the tail a large part of the
        // second-long freeze, and that wait seen as queue time.
        await using var server = await StallingServer.StartAsync(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(1));
        var plan = TestPlans.Open(server.BaseAddress, rate: 500, seconds: 6, maxConnections: 10);

        var outcome = await RunAsync(plan, TransportChoice.Lean);
        var latency = outcome.Totals.Latency;
        Report("open model, stalling server, Lean transport", outcome);

        Assert.Equal(3000, outcome.Totals.Requests + outcome.Totals.Dropped);
        Assert.Equal(0, outcome.Totals.Failures);
        Assert.True(latency.ValueAtPercentile(50) < 100_000, $"p50 {latency.ValueAtPercentile(50)} µs");
        Assert.True(latency.ValueAtPercentile(99) > 500_000, $"p99 {latency.ValueAtPercentile(99)} µs");
        Assert.True(outcome.Totals.QueueTime.ValueAtPercentile(99) > 400_000, $"queue p99 {outcome.Totals.QueueTime.ValueAtPercentile(99)} µs");
    }

    [Fact]
    public async Task RunAsync_ClosedModelAgainstStallingServer_HidesTheStallAsClosedLoopToolsDo()
    {
        // The same freeze seen by 10 virtual users: they stop sending while stuck, so only ~10 requests are slow and the
        // tail percentiles look healthy — the coordinated-omission blind spot that the open model above does not have.
        await using var server = await StallingServer.StartAsync(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(1));
        var plan = TestPlans.Closed(server.BaseAddress, (6.0, 10.0)) with { Load = TestPlans.Closed(server.BaseAddress, (6.0, 10.0)).Load with { StartTarget = 10 } };

        var outcome = await RunAsync(plan);
        Report("closed model, stalling server", outcome);

        Assert.True(outcome.Totals.Requests > 1000, $"{outcome.Totals.Requests} requests");
        Assert.True(outcome.Totals.Latency.ValueAtPercentile(90) < 50_000, $"p90 {outcome.Totals.Latency.ValueAtPercentile(90)} µs");
        Assert.True(outcome.Totals.Latency.Max > 500_000, $"max {outcome.Totals.Latency.Max} µs");
    }

    [Theory]
    [InlineData(TransportChoice.Lean)]
    [InlineData(TransportChoice.HttpClient)]
    public async Task RunAsync_OpenModelConstantRate_SendsThePlannedArrivals(TransportChoice transport)
    {
        await using var server = await TestHttpServer.StartOkAsync();
        var plan = TestPlans.Open(server.BaseAddress, rate: 1000, seconds: 3);

        var outcome = await RunAsync(plan, transport);

        Assert.Equal(3000, outcome.Totals.Requests);
        Assert.Equal(0, outcome.Totals.Dropped);
        Assert.InRange(outcome.Elapsed.TotalSeconds, 2.99, 4.5);
        // Every planned arrival was sent and answered within the plan (plus the drain of the last ones): the offered rate is
        // exact by construction, and the series accounts for every request.
        Assert.Equal(3000, outcome.Totals.Intervals.Sum(i => i.Requests));
        Assert.True(outcome.Totals.Intervals.Count >= 3, $"{outcome.Totals.Intervals.Count} intervals");
    }

    [Fact]
    public async Task RunAsync_ClosedModelRamp_UserCountFollowsTheStages()
    {
        await using var server = await TestHttpServer.StartAsync(async context =>
        {
            await Task.Delay(5, context.RequestAborted);
            await context.Response.WriteAsync("ok", context.RequestAborted);
        });
        var plan = TestPlans.Closed(server.BaseAddress, (3.0, 20.0), (2.0, 20.0));

        var outcome = await RunAsync(plan);
        var active = outcome.Totals.Intervals.Select(i => i.Active).ToList();

        // About 7 users after 1 s of a 0 → 20 ramp over 3 s, about 13 after 2 s, then 20 while holding. Ticks can run late on
        // a busy machine, so the checks are on the shape: rising through the ramp and at the target during the hold.
        Assert.Equal(20, outcome.Totals.ActiveMax);
        Assert.InRange(active[0], 3, 12);
        Assert.InRange(active[1], active[0], 18);
        Assert.True(active[1] > active[0], string.Join(",", active));
        Assert.Equal(20, active[3]);
        Assert.True(outcome.Totals.Requests > 500);
    }

    [Theory]
    [InlineData(TransportChoice.Lean)]
    [InlineData(TransportChoice.HttpClient)]
    public async Task RunAsync_DeadPort_CompletesWithEveryRequestRefused(TransportChoice choice)
    {
        var plan = TestPlans.Open(DeadPort.Url(), rate: 100, seconds: 2);
        await using var transport = PlanTransport.Create(plan, choice);

        var outcome = await LoadRunner.RunAsync(plan, transport, new RunOptions(), CancellationToken.None);
        var result = ResultBuilder.Build(plan, outcome, new ThresholdMonitor(plan), transport.Name, transport.FirstErrorExamples);

        Assert.Equal(200, outcome.Totals.Requests);
        Assert.Equal(200, outcome.Totals.Failures);
        Assert.Equal(200, outcome.Totals.Errors[ErrorKind.Refused]);
        Assert.Equal(1.0, result.Metrics["http_req_failed"].Rate);
        Assert.Equal("refused", result.Errors.Single().Kind);
        Assert.NotNull(result.Errors.Single().Example);
        Assert.Contains(result.Warnings, w => w.Contains("200 of 200 requests failed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_PoolTooSmallForTheService_DropsArrivalsThatWaitTooLong()
    {
        await using var server = await TestHttpServer.StartAsync(async context =>
        {
            await Task.Delay(200, context.RequestAborted);
            await context.Response.WriteAsync("ok", context.RequestAborted);
        });
        // One connection serves 5 requests/s; 50/s arrive; an arrival may wait 300 ms at most.
        var plan = TestPlans.Open(server.BaseAddress, rate: 50, seconds: 2, maxConnections: 1, maxQueueWait: TimeSpan.FromMilliseconds(300));

        var outcome = await RunAsync(plan);

        Assert.Equal(100, outcome.Totals.Requests + outcome.Totals.Dropped);
        Assert.True(outcome.Totals.Dropped > 50, $"dropped {outcome.Totals.Dropped}");
        Assert.True(outcome.Totals.Latency.Max < 700_000, $"max {outcome.Totals.Latency.Max} µs");
    }

    [Fact]
    public async Task RunAsync_MaxRequests_StopsAtTheBound()
    {
        await using var server = await TestHttpServer.StartOkAsync();
        var plan = TestPlans.Open(server.BaseAddress, rate: 500, seconds: 10, maxRequests: 250);

        var outcome = await RunAsync(plan);

        Assert.Equal(250, outcome.Totals.Requests);
        Assert.True(outcome.Elapsed < TimeSpan.FromSeconds(3), $"took {outcome.Elapsed}");
        Assert.Null(outcome.AbortReason);
    }

    [Fact]
    public async Task RunAsync_StopRequested_StopsEarlyWithTheReason()
    {
        var plan = TestPlans.Open(DeadPort.Url(), rate: 100, seconds: 30);
        await using var transport = new HttpClientTransport(MixRequest.EncodeAll(plan.Requests), new());
        var stop = new StopSignal();
        var options = new RunOptions { Stop = stop, Tick = tick => { if (tick.Totals.Failures > 0) stop.Request("too many failures"); } };

        var outcome = await LoadRunner.RunAsync(plan, transport, options, CancellationToken.None);

        Assert.Equal("too many failures", outcome.AbortReason);
        Assert.False(outcome.Interrupted);
        Assert.True(outcome.Elapsed < TimeSpan.FromSeconds(5), $"took {outcome.Elapsed}");
    }

    [Fact]
    public async Task RunAsync_Interrupted_StopsAndKeepsWhatWasMeasured()
    {
        await using var server = await TestHttpServer.StartOkAsync();
        var plan = TestPlans.Open(server.BaseAddress, rate: 200, seconds: 60);
        await using var transport = new HttpClientTransport(MixRequest.EncodeAll(plan.Requests), new());
        using var interrupt = new CancellationTokenSource();
        var options = new RunOptions { Tick = tick => { if (tick.Totals.Requests > 0) interrupt.Cancel(); } };

        var outcome = await LoadRunner.RunAsync(plan, transport, options, interrupt.Token);

        Assert.True(outcome.Interrupted);
        Assert.Equal("interrupted by the user", outcome.AbortReason);
        Assert.True(outcome.Totals.Requests >= 150, $"{outcome.Totals.Requests} requests");
        Assert.True(outcome.Elapsed < TimeSpan.FromSeconds(10));
    }

    /// <summary>A server that answers in 2 ms, except that what it is sent from 4 s to 5 s is answered at 5.002 s.</summary>
    private static TimeSpan FreezeFromFourToFive(TimeSpan sent) =>
        sent >= TimeSpan.FromSeconds(4) && sent < TimeSpan.FromSeconds(5) ? TimeSpan.FromMilliseconds(5_002) : sent + TimeSpan.FromMilliseconds(2);

    /// <summary>
    /// The open model worked out by hand: arrivals at a constant rate from time zero, taken first come first served by the
    /// first of <paramref name="connections"/> to be free, each busy until its answer.
    /// </summary>
    private static (LatencyHistogram Latency, LatencyHistogram QueueTime) Expected(int arrivals, double rate, int connections, Func<TimeSpan, TimeSpan> answerAt)
    {
        var latency = new LatencyHistogram();
        var queueTime = new LatencyHistogram();
        var free = new PriorityQueue<int, TimeSpan>();
        for (var c = 0; c < connections; c++)
        {
            free.Enqueue(c, TimeSpan.Zero);
        }

        for (var i = 0; i < arrivals; i++)
        {
            var intended = TimeSpan.FromSeconds(i / rate);
            free.TryDequeue(out var connection, out var freeAt);
            var sent = freeAt > intended ? freeAt : intended;
            var end = answerAt(sent);
            free.Enqueue(connection, end);
            latency.Record((long)(end - intended).TotalMicroseconds);
            queueTime.Record((long)(sent - intended).TotalMicroseconds);
        }

        return (latency, queueTime);
    }

    /// <summary>
    /// Nothing more can happen at the present time of a simulated open-model run: the dispatcher waits for its next arrival,
    /// and every arrival it released was sent (or waits for a connection, every one of them busy until its answer). The
    /// dispatcher waits once before each arrival (they are all at different times), so before its n-th wait it has released
    /// n − 1. Once every arrival is answered the run ends by itself; time moves only for the end's own wait (at most a millisecond).
    /// </summary>
    private static bool Settled(SteppedTime time, SimulatedServerTransport transport, int connections, int arrivals)
    {
        var waits = time.DispatcherWaits;
        var released = time.DispatcherWaiting ? waits - 1 : waits == arrivals ? arrivals : -1;
        var (received, inFlight) = transport.Counts;
        if (received == arrivals && inFlight == 0)
        {
            // Everything is answered: the one wait left on the clock within a millisecond is the run's end, waiting out the last
            // tick's millisecond (the ticker's next second is a second away).
            return time.NextDue is { } due && due - time.GetUtcNow() <= TimeSpan.FromMilliseconds(1);
        }

        return released >= 0 && (received < arrivals || inFlight > 0) && (received == released || inFlight == connections);
    }

    [Fact]
    public async Task RunAsync_ClosedModelRunEnds_WithoutACancellationExceptionFromItsTimers()
    {
        // The run's tick and the closed lane's ramp wait on timers until the run stops. Cancelling such a wait raised an
        // OperationCanceledException whose stack trace was captured with source lines: the end of every run loaded the PDB
        // reader (System.Reflection.Metadata, about 2 MB of the generator's peak memory). Stopping now ends the waits quietly.
        await using var server = await TestHttpServer.StartAsync(context => context.Response.WriteAsync("ok"));
        var plan = WithoutWarmup(TestPlans.Closed(server.BaseAddress, (1.0, 2.0)));
        var fromTimers = new System.Collections.Concurrent.ConcurrentBag<string>();
        void OnFirstChance(object? sender, System.Runtime.ExceptionServices.FirstChanceExceptionEventArgs e)
        {
            if (e.Exception is OperationCanceledException && e.Exception.StackTrace?.Contains("PeriodicTimer", StringComparison.Ordinal) == true)
            {
                fromTimers.Add(e.Exception.StackTrace);
            }
        }

        AppDomain.CurrentDomain.FirstChanceException += OnFirstChance;
        try
        {
            var outcome = await RunAsync(plan);
            Assert.True(outcome.Totals.Requests > 0);
        }
        finally
        {
            AppDomain.CurrentDomain.FirstChanceException -= OnFirstChance;
        }

        Assert.Empty(fromTimers);
    }

    private static LoadPlan WithoutWarmup(LoadPlan plan) => plan with { Load = plan.Load with { Warmup = false } };

    private void Report(string what, RunOutcome outcome)
    {
        var l = outcome.Totals.Latency;
        output.WriteLine($"{what}: {outcome.Totals.Requests} requests, p50 {l.ValueAtPercentile(50) / 1000.0:0.###} ms, p90 {l.ValueAtPercentile(90) / 1000.0:0.###} ms, p99 {l.ValueAtPercentile(99) / 1000.0:0.###} ms, max {l.Max / 1000.0:0.###} ms");
    }

    private static async Task<RunOutcome> RunAsync(LoadPlan plan, TransportChoice choice = TransportChoice.Auto)
    {
        await using var transport = PlanTransport.Create(plan, choice);
        return await LoadRunner.RunAsync(plan, transport, new RunOptions(), CancellationToken.None);
    }
}
