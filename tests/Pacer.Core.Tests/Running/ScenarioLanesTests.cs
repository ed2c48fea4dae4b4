using Pacer.Core.Plans;
using Pacer.Core.Running;
using Pacer.Core.Tests.TestServers;
using Pacer.Core.Tests.Timing;
using Pacer.Core.Timing;
using Pacer.Core.Transport;

namespace Pacer.Core.Tests.Running;

public sealed class ScenarioLanesTests
{
    [Fact]
    public async Task RunAsync_ScenariosWithTheirOwnLoad_RunSideBySideEachOnItsSchedule()
    {
        // On a fake clock: 100 page views/s for 2 s beside 2 buyers who start an iteration every 100 ms for 1 s, so exactly
        // 200 pages and 20 carts and payments, each buyer's iterations exactly 100 ms apart, in milliseconds of real time.
        var plan = PlanParser.Parse("""
            target: http://127.0.0.1:9/
            scenarios:
              - name: browse
                load: { model: open, rate: 100, duration: 2s, warmup: false }
                steps: [{ name: page, path: "/page/${vu}" }]
              - name: buy
                pacing: 100ms
                load: { model: closed, vus: 2, duration: 1s }
                steps: [{ name: cart, path: "/cart/${vu}" }, { name: pay, method: POST, path: /pay }]
            """, "lanes.yaml");
        var time = new SteppedTime();
        var transport = new InstantFlowTransport(time);

        var outcome = await SimulatedRun.RunAsync(plan, transport, time, () => Settled(time, transport), describe: () => Describe(time, transport));

        // The plan's own load stands for the longest lane; each lane keeps its own shape.
        Assert.Equal(TimeSpan.FromSeconds(2), plan.Load.Duration);
        var page = outcome.Totals.PerRequest.Single(r => r.Name == "page").Requests;
        var cart = outcome.Totals.PerRequest.Single(r => r.Name == "cart").Requests;
        var pay = outcome.Totals.PerRequest.Single(r => r.Name == "pay").Requests;
        Assert.Equal(200, page);
        Assert.Equal(20, cart);
        Assert.Equal(20, pay);
        Assert.Equal(page + cart, outcome.Iterations);
        Assert.Equal(0, outcome.Totals.Failures);
        Assert.Equal(TimeSpan.FromSeconds(1.99), outcome.Elapsed);

        // Virtual-user numbers run on from one lane to the next: ${vu} never names two users at once.
        var sent = transport.Sent.ToList();
        var browsers = sent.Where(s => s.Request.Name == "page").Select(s => s.Request.Url.AbsolutePath[6..]).ToHashSet();
        var buyers = sent.Where(s => s.Request.Name == "cart").GroupBy(s => s.Request.Url.AbsolutePath[6..]).ToList();
        Assert.Empty(browsers.Intersect(buyers.Select(b => b.Key)));

        // Each buyer paced exactly: an iteration every 100 ms from the lanes' common time zero (the first page view).
        var zero = sent.Where(s => s.Request.Name == "page").Min(s => s.SentTicks);
        Assert.Equal(2, buyers.Count);
        foreach (var buyer in buyers)
        {
            Assert.Equal(
                Enumerable.Range(0, 10).Select(i => zero + TickSource.ToTicks(TimeSpan.FromMilliseconds(100 * i))),
                buyer.Select(s => s.SentTicks).Order());
        }
    }

    /// <summary>
    /// Nothing more can happen at the present time: the browse lane's dispatcher waits for its next page view and every view
    /// it released was sent (it waits once before each, so before its n-th wait it released n − 1), and both buyers have
    /// sent every cart and payment due by now (an iteration at every 100 ms up to 1 s), so they wait for their pacing. Once
    /// everything is sent the run ends by itself, and time stands still.
    /// </summary>
    private static string Describe(SteppedTime time, InstantFlowTransport transport) =>
        $"dispatcher waits {time.DispatcherWaits} (waiting: {time.DispatcherWaiting}), sent {transport.Count("page")} pages, {transport.Count("cart")} carts, {transport.Count("pay")} payments";

    private static bool Settled(SteppedTime time, InstantFlowTransport transport)
    {
        var waits = time.DispatcherWaits;
        var released = time.DispatcherWaiting ? waits - 1 : waits == 200 ? 200 : -1;
        var pages = transport.Count("page");
        var carts = transport.Count("cart");
        var payments = transport.Count("pay");
        if (pages == 0)
        {
            // Before time zero both lanes must be waiting for it: the browse lane's dispatcher for its first page view, the
            // buy lane for its users' start.
            return released == 0 && time.Waiting<ManualResetEventSlim>() == 2;
        }

        var zero = transport.Sent.Where(s => s.Request.Name == "page").Min(s => s.SentTicks);
        var elapsed = TickSource.For(time).Now - zero;
        var dueIterations = 2 * Math.Min(10, (elapsed / TickSource.ToTicks(TimeSpan.FromMilliseconds(100))) + 1);
        var everythingSent = pages == 200 && carts == 20 && payments == 20;
        return !everythingSent && pages == released && carts == dueIterations && payments == dueIterations;
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
