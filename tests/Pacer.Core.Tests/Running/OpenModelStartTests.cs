using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Pacer.Core.Plans;
using Pacer.Core.Running;
using Pacer.Core.Tests.TestServers;
using Pacer.Core.Transport;
using Xunit.Abstractions;

namespace Pacer.Core.Tests.Running;

/// <summary>
/// The start of an open-model run, seen from a server that notes when each request arrives (in this process, so on the same
/// Stopwatch clock): the first arrivals go out on schedule, not late and not as a burst, and the pool opens only the
/// connections the load needs.
/// </summary>
[Collection(nameof(TimingSensitive))]
public sealed class OpenModelStartTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(TransportChoice.Lean)]
    [InlineData(TransportChoice.HttpClient)]
    public async Task RunAsync_ShortRunAtTwentyPerSecond_FirstArrivalOnScheduleAndNotCalledSaturated(TransportChoice choice)
    {
        // 20/s for 3 s: a generator at 1–4% CPU. The schedule's clock used to start before the dispatcher and the workers
        // existed, so the first arrival went out ~10 ms late and, with 60 samples, lag p99 = max called it saturated.
        var arrivals = new ConcurrentQueue<long>();
        await using var server = await TestHttpServer.StartAsync(context =>
        {
            arrivals.Enqueue(Stopwatch.GetTimestamp());
            return context.Response.WriteAsync("ok");
        });
        var plan = TestPlans.Open(server.BaseAddress, rate: 20, seconds: 3, maxConnections: 1000);
        await using var transport = PlanTransport.Create(plan, choice);

        var outcome = await LoadRunner.RunAsync(plan, transport, new RunOptions(), CancellationToken.None);

        // The warm-up request(s) come first; the 60 arrivals after them are 50 ms apart by plan. Each one's lateness is measured
        // against the schedule the run kept best: arrival k at t_k should be at zero + 50k ms, and zero + the fastest delivery
        // is min over k of (t_k − 50k ms).
        var times = arrivals.ToArray()[^60..];
        var period = Stopwatch.Frequency / 20;
        var best = times.Select((t, k) => t - (k * period)).Min();
        var lateMs = times.Select((t, k) => (t - (k * period) - best) * 1000.0 / Stopwatch.Frequency).ToArray();
        var othersP90 = lateMs.Skip(1).Order().ElementAt(52);
        output.WriteLine($"{choice}: first arrival {lateMs[0]:0.000} ms behind the schedule the others kept (their p90 {othersP90:0.000} ms); lag p99 {outcome.Generator.LagP99Ms:0.###} ms max {outcome.Generator.LagMaxMs:0.###} ms, {outcome.Generator.LagLate} late; saturated {outcome.Generator.Saturated} ({string.Join(",", outcome.Generator.SaturatedBy)})");

        Assert.Equal(60, outcome.Totals.Requests);
        // The first arrival is no later than the others usually are (give or take a loaded machine's few ms): it used to be
        // ~10 ms late on an idle machine while the rest were on time to a fraction of a millisecond.
        Assert.True(lateMs[0] < 5 + othersP90, $"the first arrival reached the server {lateMs[0]:0.000} ms behind schedule, the others' p90 {othersP90:0.000} ms");
        Assert.False(outcome.Generator.Saturated, outcome.Generator.Warning());
    }

    [Fact]
    public async Task RunAsync_TenThousandPerSecond_FirstArrivalsSpreadAsScheduledOnFewConnections()
    {
        // 10,000/s for 1 s with the default pool of 1,000 connections against a server that answers at once: a few requests
        // are in flight at a time. The first 30–60 ms of arrivals used to reach the server as one late burst (hundreds in one
        // 10 ms window), and each request of the burst opened a connection of its own.
        var arrivals = new ConcurrentQueue<(long Ticks, string Connection)>();
        await using var server = await TestHttpServer.StartAsync(context =>
        {
            arrivals.Enqueue((Stopwatch.GetTimestamp(), context.Connection.Id));
            return context.Response.WriteAsync("ok");
        });
        await WarmServerAsync(server.BaseAddress);
        arrivals.Clear();
        var plan = TestPlans.Open(server.BaseAddress, rate: 10_000, seconds: 1, maxConnections: 1000);
        await using var transport = PlanTransport.Create(plan, TransportChoice.Lean);

        var outcome = await LoadRunner.RunAsync(plan, transport, new RunOptions(), CancellationToken.None);

        var all = arrivals.ToArray();
        var run = all[^10_000..];
        var first = run[0].Ticks;
        var window = Stopwatch.Frequency / 100;
        var start = run.Where(a => a.Ticks < first + (5 * window)).ToArray();
        var perWindow = Enumerable.Range(0, 5).Select(w => start.Count(a => a.Ticks >= first + (w * window) && a.Ticks < first + ((w + 1) * window))).ToArray();
        var busiest = Enumerable.Range(0, 41)
            .Select(ms => start.Count(a => a.Ticks >= first + (ms * window / 10) && a.Ticks < first + (ms * window / 10) + window))
            .Max();
        var connectionsAtStart = start.Select(a => a.Connection).Distinct().Count();
        var serverConnections = all.Select(a => a.Connection).Distinct().Count();
        output.WriteLine($"first 50 ms in 10 ms windows: {string.Join(", ", perWindow)} (100 each by plan); busiest 10 ms window in them {busiest}; {connectionsAtStart} connections carried them; connections opened {outcome.ConnectionsOpened} (the server saw {serverConnections}); generator: {outcome.Generator.Warning() ?? "kept up"}");

        Assert.Equal(10_000, outcome.Totals.Requests);
        // The count in the result is the truth: every connection the server saw, warm-up included.
        Assert.Equal(serverConnections, outcome.ConnectionsOpened);
        // 100 per 10 ms by plan. A loaded machine may hold the event loop up for a few ms, which bunches that many arrivals
        // into the next window; the start-up burst put several hundred into one.
        Assert.True(busiest <= 250, $"{busiest} arrivals reached the server within 10 ms in the first 50 ms (100 planned)");
        Assert.True(start.Length >= 250, $"only {start.Length} arrivals reached the server in the first 50 ms (500 planned)");
        // A connection per request in flight, a handful at a time; the burst took one per request.
        Assert.True(connectionsAtStart <= 150, $"{connectionsAtStart} connections carried the first 50 ms' 500 arrivals");
    }

    [Fact]
    public async Task RunAsync_LeanTransport_RehearsesTheScheduleStartBeforeTheClock_AndRecordsNoneOfIt()
    {
        // 1,000/s over two requests (weights 3 and 1): before the clock starts, the lane sends its schedule's first 20 ms (20
        // arrivals, 10 of each request) through its own path, so the first arrivals of the run find it compiled and its
        // connections open; none of it is recorded. Before, only the warm-up's one request of each kind went out first.
        var arrivals = new ConcurrentQueue<(long Ticks, string Path)>();
        await using var server = await TestHttpServer.StartAsync(context =>
        {
            arrivals.Enqueue((Stopwatch.GetTimestamp(), context.Request.Path.Value ?? ""));
            return context.Response.WriteAsync("ok");
        });
        var basePlan = TestPlans.Open(server.BaseAddress, rate: 1000, seconds: 0.2);
        var plan = basePlan with
        {
            Requests =
            [
                new RequestSpec("a", "GET", new Uri(server.BaseAddress, "a"), [], null, 3, TimeSpan.FromSeconds(5)),
                new RequestSpec("b", "GET", new Uri(server.BaseAddress, "b"), [], null, 1, TimeSpan.FromSeconds(5)),
            ],
        };
        await using var transport = PlanTransport.Create(plan, TransportChoice.Lean);
        var log = new Truth.RequestLog(1000);

        var outcome = await LoadRunner.RunAsync(plan, transport, new RunOptions { RequestObserver = log }, CancellationToken.None);

        var zero = log.Entries.Min(e => e.IntendedTicks);
        var before = arrivals.Where(a => a.Ticks < zero).GroupBy(a => a.Path).ToDictionary(g => g.Key, g => g.Count());
        output.WriteLine($"before the clock: {string.Join(", ", before.Select(b => $"{b.Key} ×{b.Value}"))}; run: {outcome.Totals.Requests} recorded, {outcome.Generator.LagSamples} lag samples");
        Assert.Equal(200, outcome.Totals.Requests);
        Assert.Equal(200, outcome.Generator.LagSamples);
        Assert.Equal(200, arrivals.Count(a => a.Ticks >= zero));
        Assert.Equal(["/a", "/b"], before.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(before["/a"], before["/b"]);
        Assert.True(before["/a"] + before["/b"] >= 20 + 2, $"{before.Values.Sum()} requests before the clock started: the warm-up's 2 and a rehearsal of 20 were due");
    }

    [Theory]
    [InlineData(10_000, 3)]
    [InlineData(10_000, 1)]
    [InlineData(1_000, 3)]
    public async Task RunAsync_RehearsalRounds_RepeatTheRehearsalOnlyAtHighRates_BoundedAndRecordNoneOfIt(int rate, int rounds)
    {
        // At 5,000/s and more, rounds above 1 repeat the 20 ms rehearsal once the JIT has gone quiet (so the runtime re-compiles
        // the path before time zero), at most that many times; below, and with 1, the lane rehearses once. None of it is recorded.
        var arrivals = new ConcurrentQueue<long>();
        await using var server = await TestHttpServer.StartAsync(context =>
        {
            arrivals.Enqueue(Stopwatch.GetTimestamp());
            return context.Response.WriteAsync("ok");
        });
        var plan = TestPlans.Open(server.BaseAddress, rate: rate, seconds: 0.1);
        await using var transport = PlanTransport.Create(plan, TransportChoice.Lean);
        var log = new Truth.RequestLog(2000);
        var started = Stopwatch.GetTimestamp();

        var outcome = await LoadRunner.RunAsync(plan, transport, new RunOptions { RequestObserver = log, RehearsalRounds = rounds }, CancellationToken.None);

        var zero = log.Entries.Min(e => e.IntendedTicks);
        var perRound = rate / 50;
        var before = arrivals.Count(a => a < zero) - 1; // the warm-up's one request
        output.WriteLine($"{rate}/s, rounds {rounds}: {before} rehearsal arrivals ({perRound} a round), time zero {Stopwatch.GetElapsedTime(started, zero).TotalMilliseconds:0} ms after the run was called");
        Assert.Equal(rate / 10, outcome.Totals.Requests);
        Assert.Equal(rate / 10, arrivals.Count(a => a >= zero));
        if (rate < 5_000 || rounds == 1)
        {
            Assert.Equal(perRound, before);
        }
        else
        {
            Assert.InRange(before, perRound, rounds * perRound);
            Assert.Equal(0, before % perRound);
        }

        // The further rounds and their waits end within OpenLaneRunner.TierUpBound (1.5 s), besides the first round's bound.
        Assert.True(Stopwatch.GetElapsedTime(started, zero) < TimeSpan.FromSeconds(6), $"time zero came {Stopwatch.GetElapsedTime(started, zero).TotalSeconds:0.0} s after the run was called");
    }

    /// <summary>
    /// Serves a few thousand requests on many connections through another client first, so the in-process server is as warm
    /// as a real one: a cold server on two cores shared with the generator would answer its first connections slowly and
    /// make the start look late for reasons that are not Pacer's. Pacer's own code stays cold.
    /// </summary>
    private static async Task WarmServerAsync(Uri url)
    {
        using var client = new HttpClient();
        await Task.WhenAll(Enumerable.Range(0, 50).Select(async _ =>
        {
            for (var i = 0; i < 40; i++)
            {
                using var response = await client.GetAsync(url);
                response.EnsureSuccessStatusCode();
            }
        }));
    }

    /// <summary>The arrival backlog starts with room for 50 ms at the lane's highest rate (a ramp's peak, not its start), within 256 … the limit.</summary>
    [Theory]
    [InlineData(40_000, 40_000, 2_000)]
    [InlineData(10, 100_000, 5_000)]
    [InlineData(100, 100, 256)]
    [InlineData(1_000_000, 1_000_000, 50_000)]
    public void InitialBacklog_IsFiftyMillisecondsAtThePeakRate(double start, double peak, int expected)
    {
        var load = TestPlans.Open(new Uri("http://127.0.0.1:9/"), start, seconds: 1).Load;
        load = load with { StartTarget = start, Stages = [.. load.Stages.Select(s => s with { Target = peak })] };

        Assert.Equal(expected, OpenLaneRunner.InitialBacklog(load));
    }
}
