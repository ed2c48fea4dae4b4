using Microsoft.AspNetCore.Http;
using Pacer.Core.Plans;
using Pacer.Core.Results;
using Pacer.Core.Running;
using Pacer.Core.Tests.TestServers;
using Pacer.Core.Thresholds;
using Pacer.Core.Transport;

namespace Pacer.Core.Tests.Running;

/// <summary>
/// The <c>vus</c> gauge follows the real count over the load period, and rates are over the load period, not the drain
/// (issue 12, defects 2 and 7). Real runs against servers the tests start; the assertions are on counts and on the planned
/// period, which do not depend on how fast the machine is.
/// </summary>
public sealed class GaugesAndRatesTests
{
    [Fact]
    public async Task RunAsync_SubSecondClosedRun_VusGaugeIsItsUsers()
    {
        // Shorter than the once-a-second tick: the gauge must still have seen the five users, and not report the count after
        // they stopped (0) as its value.
        await using var server = await TestHttpServer.StartOkAsync();
        var plan = PlanParser.Parse($$"""
            target: {{server.BaseAddress}}
            requests: [{ name: home, path: / }]
            load: { model: closed, vus: 5, duration: 500ms }
            thresholds:
              vus: ["value>0", "min>=5", "max<=5"]
            """, "short.yaml");

        var result = await RunAsync(plan);

        var vus = result.Metrics["vus"];
        Assert.Equal(5, vus.Value);
        Assert.Equal(5, vus.Min);
        Assert.Equal(5, vus.Max);
        Assert.All(result.Thresholds, t => Assert.True(t.Passed, $"{t.Metric} {t.Expression}: actual {t.Actual}"));
    }

    [Fact]
    public async Task RunAsync_ClosedRampUpAndDown_GaugeStaysWithinThePlansTargets()
    {
        // 0 → 6 users and back to 2: whatever the moment, the count never exceeds the plan's largest target, and at the end of
        // the load period the users of the last stage are still there (the drain does not count).
        await using var server = await TestHttpServer.StartAsync(async context =>
        {
            await Task.Delay(2, context.RequestAborted);
            await context.Response.WriteAsync("ok", context.RequestAborted);
        });
        var plan = PlanParser.Parse($$"""
            target: {{server.BaseAddress}}
            requests: [{ name: home, path: / }]
            load: { model: closed, stages: [{ duration: 600ms, target: 6 }, { duration: 600ms, target: 2 }, { duration: 300ms, target: 2 }] }
            """, "ramp.yaml");

        var result = await RunAsync(plan);

        var vus = result.Metrics["vus"];
        Assert.Equal(6, vus.Max);
        Assert.Equal(2, vus.Value);
        Assert.InRange(vus.Min!.Value, 0, 2);
        Assert.All(result.Series, i => Assert.InRange(i.Active, 0, 6));
    }

    [Fact]
    public async Task RunAsync_OpenRunWithALongDrain_RatesAreThePlannedRates()
    {
        // 50/s for 2 s, and every answer takes 1 s: half the requests complete in the drain after the last stage. The rates
        // are over the 2 s of load (50.0/s), in the result, per request and in the thresholds alike, and the drain is reported
        // apart. Dividing by the whole run (about 3 s) gave about 33/s.
        await using var server = await TestHttpServer.StartAsync(async context =>
        {
            await Task.Delay(1000, context.RequestAborted);
            await context.Response.WriteAsync("ok", context.RequestAborted);
        });
        var plan = PlanParser.Parse($$"""
            target: {{server.BaseAddress}}
            requests: [{ name: slow, path: / }]
            load: { model: open, rate: 50, duration: 2s, max_connections: 200, graceful_stop: 10s }
            thresholds:
              iterations: ["rate>49.9", "rate<50.1"]
              http_reqs: ["rate>49.9", "rate<50.1"]
            """, "drain.yaml");

        var result = await RunAsync(plan);

        Assert.Equal(100, result.Metrics["http_reqs"].Count);
        Assert.Equal(50.0, result.Metrics["http_reqs"].Rate!.Value, 3);
        Assert.Equal(50.0, result.Metrics["iterations"].Rate!.Value, 3);
        Assert.Equal(50.0, result.Requests.Single().Rate, 3);
        Assert.All(result.Thresholds, t => Assert.True(t.Passed, $"{t.Metric} {t.Expression}: actual {t.Actual}"));
        Assert.Equal(2.0, result.LoadSeconds);

        // Arrivals from 1.0 s on are answered about 2.0 s or later: some 50 complete in the drain, which lasts about a second
        // (the server's own 1 s delay may wake a little early, so a few of them can finish just before the end).
        var drain = result.Drain!;
        Assert.InRange(drain.Requests, 40, 100);
        Assert.Equal(0, drain.Failures);
        Assert.InRange(drain.Seconds, 0.9, 10);
        Assert.Equal(result.DurationSeconds, result.LoadSeconds!.Value + drain.Seconds, 2);
    }

    [Fact]
    public async Task RunAsync_ClosedRunPastItsLastStage_StartsNothingInTheDrain()
    {
        // Each of 3 users has at most the one request it sent before the end still in flight: anything more in the drain is
        // a request started after the last stage (the ramp notices the end only at its next 50 ms tick).
        await using var server = await TestHttpServer.StartAsync(async context =>
        {
            await Task.Delay(5, context.RequestAborted);
            await context.Response.WriteAsync("ok", context.RequestAborted);
        });
        var plan = PlanParser.Parse($$"""
            target: {{server.BaseAddress}}
            requests: [{ name: home, path: / }]
            load: { model: closed, vus: 3, duration: 530ms }
            """, "end.yaml");

        var result = await RunAsync(plan);

        Assert.InRange(result.Drain!.Requests, 0, 3);
        Assert.Equal(0.53, result.LoadSeconds);
    }

    [Fact]
    public async Task RunAsync_RequestBoundReached_TheLoadPeriodEndsThere()
    {
        // 200/s for 10 s but at most 100 requests: the load period ends when the bound is reached (about 0.5 s), and the rate
        // is over that, not over the 10 s planned.
        await using var server = await TestHttpServer.StartOkAsync();
        var plan = PlanParser.Parse($$"""
            target: {{server.BaseAddress}}
            requests: [{ name: home, path: / }]
            load: { model: open, rate: 200, duration: 10s, max_requests: 100 }
            """, "bound.yaml");

        var result = await RunAsync(plan);

        Assert.Equal(100, result.Metrics["http_reqs"].Count);
        Assert.InRange(result.LoadSeconds!.Value, 0.45, 3);
        Assert.Equal(100 / result.LoadSeconds.Value, result.Metrics["http_reqs"].Rate!.Value, 0);
    }

    [Fact]
    public async Task RunAsync_OpenJourneyWithThinkTime_InFlightIsRequestsNotIterations()
    {
        // 20 journeys/s, each a request, 200 ms of think time and another request: several iterations are in progress at any
        // moment, but a request is in flight only while it waits for its answer. The in-flight series holds exactly the
        // requests' own time between write and answer (Little's law: the sum over the series is the total service time).
        await using var server = await TestHttpServer.StartOkAsync();
        var plan = PlanParser.Parse($$"""
            target: {{server.BaseAddress}}
            scenarios:
              - name: journey
                steps: [{ name: one, path: /1 }, { think: 200ms }, { name: two, path: /2 }]
            load: { model: open, rate: 20, duration: 1s }
            """, "think.yaml");

        var result = await RunAsync(plan);

        var service = result.Metrics["http_req_service_time"];
        var serviceSeconds = service.Mean!.Value * service.Count!.Value / 1000;
        var widths = result.Series.Select((i, n) => i.T - (n == 0 ? 0 : result.Series[n - 1].T));
        var inFlightSeconds = result.Series.Zip(widths, (i, w) => i.InFlight!.Value * w).Sum();
        Assert.Equal(40, service.Count);
        Assert.InRange(inFlightSeconds, (serviceSeconds * 0.98) - 0.001, (serviceSeconds * 1.02) + 0.001);
        Assert.InRange(result.Metrics["vus"].Max!.Value, 2, 20);
    }

    [Fact]
    public async Task RunAsync_PlanWhoseScenariosRunUnderDifferentModels_IsMixedNotOpen()
    {
        await using var server = await TestHttpServer.StartOkAsync();
        var plan = PlanParser.Parse($$"""
            target: {{server.BaseAddress}}
            scenarios:
              - name: browse
                load: { model: open, rate: 20, duration: 300ms }
                steps: [{ name: page, path: /page }]
              - name: admin
                load: { model: closed, vus: 1, duration: 300ms }
                steps: [{ name: report, path: /report }]
            """, "mixed.yaml");

        var result = await RunAsync(plan);

        Assert.Equal("mixed", result.Plan.Model);
        Assert.Equal("open", result.Plan.ScenarioModels["browse"]);
        Assert.Equal("closed", result.Plan.ScenarioModels["admin"]);
    }

    private static async Task<RunResult> RunAsync(LoadPlan plan)
    {
        await using var transport = PlanTransport.Create(plan);
        var outcome = await LoadRunner.RunAsync(plan, transport, new RunOptions(), CancellationToken.None);
        return ResultBuilder.Build(plan, outcome, new ThresholdMonitor(plan), transport.Name, transport.FirstErrorExamples);
    }
}
