using Microsoft.AspNetCore.Http;
using Pacer.Core.Plans;
using Pacer.Core.Recording;
using Pacer.Core.Results;
using Pacer.Core.Running;
using Pacer.Core.Tests.TestServers;
using Pacer.Core.Thresholds;
using Pacer.Core.Transport;
using Xunit.Abstractions;

namespace Pacer.Core.Tests.Running;

public sealed class LoadRunnerTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(TransportChoice.Lean)]
    [InlineData(TransportChoice.HttpClient)]
    public async Task RunAsync_OpenModelAgainstStallingServer_StallShowsInTheTailAsUsersFeltIt(TransportChoice transport)
    {
        // 500 requests/s for 6 s on only 10 connections; the server freezes for 1 s at 4–5 s. Arrivals during the freeze
        // wait up to 1 s: about 1 in 6 requests, so p90 ≈ 0.4 s and p99 ≈ 0.94 s when measured from the intended start.
        await using var server = await StallingServer.StartAsync(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(1));
        var plan = TestPlans.Open(server.BaseAddress, rate: 500, seconds: 6, maxConnections: 10);

        var outcome = await RunAsync(plan, transport);
        var latency = outcome.Totals.Latency;
        Report($"open model, stalling server, {transport} transport", outcome);

        Assert.Equal(3000, outcome.Totals.Requests + outcome.Totals.Dropped);
        Assert.Equal(0, outcome.Totals.Failures);
        Assert.True(latency.ValueAtPercentile(50) < 50_000, $"p50 {latency.ValueAtPercentile(50)} µs");
        Assert.InRange(latency.ValueAtPercentile(90), 250_000, 700_000);
        Assert.InRange(latency.ValueAtPercentile(99), 800_000, 1_200_000);
        // The wait is visible as queue time, not hidden in the service time of a few requests.
        Assert.True(outcome.Totals.QueueTime.ValueAtPercentile(99) > 700_000, $"queue p99 {outcome.Totals.QueueTime.ValueAtPercentile(99)} µs");
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
    public async Task RunAsync_AbortCheckFires_StopsEarlyWithTheReason()
    {
        var plan = TestPlans.Open(DeadPort.Url(), rate: 100, seconds: 30);
        await using var transport = new HttpClientTransport(MixRequest.EncodeAll(plan.Requests), new());
        var options = new RunOptions { AbortCheck = (totals, _) => totals.Failures > 0 ? "too many failures" : null };

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
        var options = new RunOptions { Progress = status => { if (status.Totals.Requests > 0) interrupt.Cancel(); } };

        var outcome = await LoadRunner.RunAsync(plan, transport, options, interrupt.Token);

        Assert.True(outcome.Interrupted);
        Assert.Equal("interrupted by the user", outcome.AbortReason);
        Assert.True(outcome.Totals.Requests >= 150, $"{outcome.Totals.Requests} requests");
        Assert.True(outcome.Elapsed < TimeSpan.FromSeconds(10));
    }

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
