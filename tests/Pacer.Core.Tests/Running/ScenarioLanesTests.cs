using Pacer.Core.Plans;
using Pacer.Core.Running;
using Pacer.Core.Tests.TestServers;
using Pacer.Core.Transport;

namespace Pacer.Core.Tests.Running;

public sealed class ScenarioLanesTests
{
    [Fact]
    public async Task RunAsync_ScenariosWithTheirOwnLoad_RunSideBySideEachOnItsSchedule()
    {
        var seen = new System.Collections.Concurrent.ConcurrentBag<string>();
        await using var server = await TestHttpServer.StartAsync(context =>
        {
            seen.Add(context.Request.Path.Value!);
            return Microsoft.AspNetCore.Http.HttpResponseWritingExtensions.WriteAsync(context.Response, "ok");
        });
        var plan = PlanParser.Parse($"""
            target: {server.BaseAddress}
            scenarios:
              - name: browse
                load: {"{"} model: open, rate: 100, duration: 2s {"}"}
                steps: [{"{"} name: page, path: "/page/${"{"}vu{"}"}" {"}"}]
              - name: buy
                pacing: 100ms
                load: {"{"} model: closed, vus: 2, duration: 1s {"}"}
                steps: [{"{"} name: cart, path: "/cart/${"{"}vu{"}"}" {"}"}, {"{"} name: pay, method: POST, path: /pay {"}"}]
            """, "lanes.yaml");
        await using var transport = PlanTransport.Create(plan);

        var outcome = await LoadRunner.RunAsync(plan, transport, new RunOptions(), CancellationToken.None);

        // The plan's own load stands for the longest lane; each lane keeps its own shape.
        Assert.Equal(TimeSpan.FromSeconds(2), plan.Load.Duration);
        var page = outcome.Totals.PerRequest.Single(r => r.Name == "page").Requests;
        var cart = outcome.Totals.PerRequest.Single(r => r.Name == "cart").Requests;
        var pay = outcome.Totals.PerRequest.Single(r => r.Name == "pay").Requests;
        Assert.Equal(200, page);
        Assert.InRange(cart, 10, 24);
        Assert.Equal(cart, pay);
        Assert.Equal(page + cart, outcome.Iterations);
        Assert.Equal(0, outcome.Totals.Failures);
        Assert.InRange(outcome.Elapsed.TotalSeconds, 1.9, 4);

        // Virtual-user numbers run on from one lane to the next: ${vu} never names two users at once.
        var browsers = seen.Where(p => p.StartsWith("/page/", StringComparison.Ordinal)).Select(p => p[6..]).ToHashSet();
        var buyers = seen.Where(p => p.StartsWith("/cart/", StringComparison.Ordinal)).Select(p => p[6..]).ToHashSet();
        Assert.Empty(browsers.Intersect(buyers));
    }

    [Theory]
    [InlineData(TransportChoice.Auto, "model: open, rate: 20")]
    [InlineData(TransportChoice.HttpClient, "model: open, rate: 20")]
    [InlineData(TransportChoice.Socket, "model: open, rate: 20")]
    [InlineData(TransportChoice.Auto, "model: closed, vus: 20")]
    [InlineData(TransportChoice.HttpClient, "model: closed, vus: 20")]
    public async Task RunAsync_ScenarioRequestsInFlightPastTheGracePeriod_AreAbandonedFailuresWithTheirWait(TransportChoice choice, string model)
    {
        // The server never answers: when the grace period ends, the users' requests are cancelled under them.
        using var server = new ScriptedServer((_, _) => new ScriptedReply(null));
        var plan = PlanParser.Parse($$"""
            target: {{server.BaseAddress}}
            scenarios:
              - steps: [{ name: wait, path: /wait, timeout: 30s }, { name: never, path: /never }]
            load: { {{model}}, duration: 1s, graceful_stop: 300ms, warmup: false }
            """, "abandon.yaml");
        await using var transport = PlanTransport.Create(plan, choice);

        var outcome = await LoadRunner.RunAsync(plan, transport, new RunOptions(), CancellationToken.None);

        // Each user's first step was sent and never answered: a failure of kind abandoned, recorded when the 300 ms grace
        // period ran out, with the time it had waited (at least the grace period) as a lower bound on its latency.
        var wait = outcome.Totals.PerRequest.Single(r => r.Name == "wait");
        Assert.Equal(20, outcome.Abandoned);
        Assert.Equal(20, outcome.Totals.Requests);
        Assert.Equal(20, outcome.Totals.Failures);
        Assert.Equal(20, wait.Errors[ErrorKind.Abandoned]);
        Assert.True(wait.Latency.Min >= 290_000, $"shortest wait {wait.Latency.Min} µs");
        Assert.Equal(0, wait.ServiceTime.TotalCount);
        Assert.Equal(0, outcome.Totals.PerRequest.Single(r => r.Name == "never").Requests);
        Assert.InRange(outcome.Elapsed.TotalSeconds, 1, 10);
    }

    [Fact]
    public void Parse_ScenarioWithoutLoadWhenThePlanHasNone_IsAnError()
    {
        var yaml = "target: http://h\nscenarios:\n  - { name: a, load: { model: open, rate: 1, duration: 1s }, steps: [{ path: /a }] }\n  - { name: b, steps: [{ path: /b }] }\n";

        var error = Assert.Throws<PlanException>(() => PlanParser.Parse(yaml, "p.yaml"));

        Assert.Contains(error.Errors, e => e.Message == "scenario 'b' has no load, and the plan has none");
    }
}
