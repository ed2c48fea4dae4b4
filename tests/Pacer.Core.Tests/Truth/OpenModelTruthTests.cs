using System.Diagnostics;
using System.Globalization;
using Pacer.Core.Transport;
using Xunit.Abstractions;

namespace Pacer.Core.Tests.Truth;

/// <summary>
/// The open model against the truth server: the server's own log of arrivals and service times is the reference for Pacer's
/// counts, its schedule, its service-time percentiles, and its latency from the intended start through a stall (the
/// coordinated-omission truth).
/// </summary>
[Collection(nameof(TruthCollection))]
public sealed class OpenModelTruthTests(ITestOutputHelper output)
{
    private static readonly long Millisecond = Stopwatch.Frequency / 1000;

    [Theory]
    [InlineData(TransportChoice.Lean)]
    [InlineData(TransportChoice.Socket)]
    [InlineData(TransportChoice.HttpClient)]
    public Task RequestMix_ServerSeesEveryArrivalWithinAMillisecondOfSchedule_AndCountsAreExact(TransportChoice choice) => TruthRetry.WhileDisturbedAsync(output, async () =>
    {
        // 400 arrivals/s for 2 s over three requests answered 200, 404 and 503 in about a millisecond.
        using var server = new TruthServer(r => new TruthReply(
            r.Path switch { "/a" => 200, "/b" => 404, _ => 503 },
            r.ArrivalTicks + Millisecond));
        var run = await TruthRunner.RunAsync($$"""
            target: {{server.BaseAddress}}
            requests:
              - { name: a, path: /a, weight: 5 }
              - { name: b, path: /b, weight: 3 }
              - { name: c, path: /c, weight: 2 }
            load: { model: open, rate: 400, duration: 2s, max_connections: 64 }
            """, server, choice);

        var failures = new TruthFailures();
        failures.Check(() => TruthAssert.WarmUpSentEachRequestAlike(run, ["/a", "/b", "/c"]));
        failures.Check(() => TruthAssert.CountsMatchTheServer(run, path => path.TrimStart('/')));
        failures.Check(() => Assert.Equal(800, run.Server.Count));
        failures.Check(() => TruthAssert.IntendedBeforeSendBeforeEnd(run));

        // Pacer's intended starts are the schedule: arrival i at i/400 s from the first.
        var intended = run.Observed.Select(o => o.IntendedTicks - run.StartTicks).Order().ToList();
        var worstIntended = intended.Select((t, i) => Math.Abs(t - Reference.Ticks(i / 400.0))).Max();
        failures.Check(() => Assert.True(worstIntended <= Stopwatch.Frequency / 1_000_000, $"Pacer's intended starts stray from i/rate by up to {Reference.Micros(worstIntended):0.#} µs"));

        // The server's clock is Pacer's (one process, one Stopwatch): the i-th arrival it saw against the i-th scheduled time.
        var errors = run.Server.Select(r => r.WireArrivalTicks).Order().Select((t, i) => Reference.Micros(t - run.StartTicks - Reference.Ticks(i / 400.0))).ToList();
        var absolute = errors.Select(Math.Abs).Order().ToList();
        var arrivals = run.Server.Select(r => r.WireArrivalTicks).Order().ToList();
        var rate = (arrivals.Count - 1) / ((arrivals[^1] - arrivals[0]) / (double)Stopwatch.Frequency);
        var steady = errors.Where((_, i) => i >= 40).Select(Math.Abs).Order().ToList();
        output.WriteLine(Text($"{run.Transport}: after the first 100 ms, |arrival − schedule| p50 {Reference.At(steady, 50m):0} µs, p99 {Reference.At(steady, 99m):0} µs, max {steady[^1]:0} µs"));
        output.WriteLine(Text($"{run.Transport}: {run.Server.Count} arrivals at the server; |arrival − schedule| p50 {Reference.At(absolute, 50m):0} µs, p95 {Reference.At(absolute, 95m):0} µs, p99 {Reference.At(absolute, 99m):0} µs, max {absolute[^1]:0} µs; earliest {errors.Min():0} µs; first arrival {errors[0]:0} µs; rate between first and last {rate:0.00}/s; connections {server.Connections}; lag p99 {run.Outcome.Generator.LagP99Ms:0.###} ms"));

        // Within a millisecond for all but the last 5%, and within 5 ms for the last percent: on two shared cores with the server
        // in the same process, quiet runs measured p95 0.14-0.31 ms but p99 0.27-2.0 ms (a thread woken a millisecond or two
        // late now and then, on either side), so a p99 bound of 1 ms would judge the machine, not Pacer. The start-up lateness
        // this test was written for measured 2-57 ms at p99.
        failures.Check(() => Assert.True(Reference.At(absolute, 95m) <= 1000, Text($"{run.Transport}: p95 of |arrival − schedule| is {Reference.At(absolute, 95m):0} µs (max {absolute[^1]:0} µs)")));
        failures.Check(() => Assert.True(Reference.At(absolute, 99m) <= 5000, Text($"{run.Transport}: p99 of |arrival − schedule| is {Reference.At(absolute, 99m):0} µs (max {absolute[^1]:0} µs)")));
        failures.Check(() => Assert.True(errors.Min() >= -1, Text($"{run.Transport}: an arrival reached the server {-errors.Min():0} µs before its scheduled time")));
        failures.Check(() => Assert.True(Math.Abs(rate - 400) <= 400 * 0.002, Text($"{run.Transport}: the server saw {rate:0.00} arrivals/s between the first and the last; the plan asks for 400/s")));

        // Requests in flight are bounded by the pool, at the server and in Pacer's gauge.
        failures.Check(() => Assert.InRange(Reference.MaxConcurrent(run.Server), 1, 64));
        failures.Check(() => Assert.InRange(run.Result.Metrics["vus"].Max!.Value, 0, 64));
        output.WriteLine(run.MachineNote);
        failures.ThrowIfAny(run);
    });

    [StartUpTruthFact("Measures the JIT-compiled engine in this test host, which cannot pass: the runtime re-compiles the hot path 100-300 ms into the run (on-stack replacement of the event loop and dispatcher loops, then tier-1 of every method on the path) and each stall holds arrivals 5-30 ms (docs/truth.md, round 7). The pacer users run is NativeAOT and is judged on the same bounds by tests/Pacer.Native.Tests/StartUpTruthTests.cs; this test stays for bench/startup.sh, which compares JIT settings.")]
    public Task HighRate_NoStartUpBurst_AndConnectionsFollowDemand() => TruthRetry.WhileDisturbedAsync(output, async () =>
    {
        // 10,000 arrivals/s for half a second, answered at once, with the default pool (1,000 connections): at most a few
        // dozen requests are ever in flight, so a few dozen connections carry the load, and no 10 ms of the run receives
        // much more than its planned 100 arrivals.
        using var server = new TruthServer(r => new TruthReply(200, 0));
        var run = await TruthRunner.RunAsync($$"""
            target: {{server.BaseAddress}}
            requests: [{ name: work, path: /work }]
            load: { model: open, rate: 10000, duration: 500ms }
            """, server, TransportChoice.Lean);

        var failures = new TruthFailures();
        failures.Check(() => TruthAssert.CountsMatchTheServer(run, _ => "work"));
        failures.Check(() => Assert.Equal(5000, run.Server.Count));
        failures.Check(() => TruthAssert.IntendedBeforeSendBeforeEnd(run));

        var errors = run.Server.Select(r => r.WireArrivalTicks).Order().Select((t, i) => Reference.Micros(t - run.StartTicks - Reference.Ticks(i / 10000.0))).ToList();
        var absolute = errors.Select(Math.Abs).Order().ToList();
        var windows = run.Server.GroupBy(r => (r.WireArrivalTicks - run.StartTicks) / (10 * Millisecond)).Select(g => g.Count()).ToList();
        var concurrent = Reference.MaxConcurrent(run.Server);
        output.WriteLine(Text($"{run.Transport}: 10,000/s: |arrival − schedule| p50 {Reference.At(absolute, 50m):0} µs, p99 {Reference.At(absolute, 99m):0} µs, max {absolute[^1]:0} µs; first arrival {errors[0]:0} µs; busiest 10 ms window {windows.Max()} arrivals (planned 100); connections opened {server.Connections}, server max concurrency {concurrent}; lag p99 {run.Outcome.Generator.LagP99Ms:0.###} ms"));
        output.WriteLine(Text($"compiled while the schedule ran: {run.MethodsCompiledDuringRun} methods, at most {run.MethodsCompiledMostIn10Ms} within 10 ms"));
        output.WriteLine(run.RuntimeDuringRun);

        // Where the lateness is: Pacer's own send − intended (the worst in each 5 ms of the schedule), and when the
        // connections the server accepted were first used (before time zero: the warm-up and the rehearsal).
        var sends = run.Observed.OrderBy(o => o.IntendedTicks).ToList();
        var firstUse = run.Server.Concat(run.WarmUp).GroupBy(r => r.Connection).Select(g => g.Min(r => r.ArrivalTicks)).ToList();
        var early = Enumerable.Range(0, 100).Select(w => (Low: run.StartTicks + (w * 5 * Millisecond), High: run.StartTicks + ((w + 1) * 5 * Millisecond))).ToList();
        output.WriteLine(Text($"worst send − intended per 5 ms (µs): {string.Join(" ", early.Select(w => sends.Where(o => o.IntendedTicks >= w.Low && o.IntendedTicks < w.High).Select(o => Reference.Micros(o.SendTicks - o.IntendedTicks)).DefaultIfEmpty().Max().ToString("0", CultureInfo.InvariantCulture)))}"));
        output.WriteLine(Text($"connections first used before time zero {firstUse.Count(t => t < run.StartTicks)}, in the first 100 ms {firstUse.Count(t => t >= run.StartTicks && t < early[19].High)}, later {firstUse.Count(t => t >= early[19].High)}"));
        failures.Check(() => Assert.True(windows.Max() <= 200, $"{windows.Max()} arrivals reached the server within one 10 ms window; the plan asks for 100"));
        failures.Check(() => Assert.True(server.Connections <= Math.Max(100, 4 * concurrent), $"{server.Connections} connections opened for at most {concurrent} requests in flight"));
        failures.Check(() => Assert.True(Reference.At(absolute, 99m) <= 1000, Text($"{run.Transport}: p99 of |arrival − schedule| is {Reference.At(absolute, 99m):0} µs at 10,000/s (max {absolute[^1]:0} µs)")));
        output.WriteLine(run.MachineNote);
        failures.ThrowIfAny(run);
    });

    [Theory]
    [InlineData(TransportChoice.Lean)]
    [InlineData(TransportChoice.HttpClient)]
    public Task ServiceTimes_PercentilesWithinTwoPercentOfTheServersOwn(TransportChoice choice) => TruthRetry.WhileDisturbedAsync(output, async () =>
    {
        // 1,000 requests (a multiple of 1,000, where p99.9 is rank 999): service times spread evenly over 20–100 ms by arrival
        // order, nine of them 200 ms and one 300 ms, so p99.9 (the top of the nine) stands apart from the maximum. Tens of
        // milliseconds keep loopback and a busy machine's wake-ups (a millisecond, at worst, on two shared cores) under 2%.
        using var server = new TruthServer(r => new TruthReply(200, r.ArrivalTicks + ServiceTicks(r.Index)));
        var run = await TruthRunner.RunAsync($$"""
            target: {{server.BaseAddress}}
            requests: [{ name: work, path: /work }]
            load: { model: open, rate: 400, duration: 2500ms, max_connections: 64 }
            """, server, choice);

        var failures = new TruthFailures();
        failures.Check(() => TruthAssert.CountsMatchTheServer(run, _ => "work"));
        failures.Check(() => Assert.Equal(1000, run.Server.Count));
        failures.Check(() => TruthAssert.IntendedBeforeSendBeforeEnd(run));

        var report = new List<string>();
        var service = run.Result.Metrics["http_req_service_time"];
        failures.Check(() => TruthAssert.PercentilesMatch($"{run.Transport} service time", Reference.Printed, p => Percentile(service, p), [.. run.Server.Select(r => r.ServiceMicros)], 0.02, report));

        // Latency from the intended start: the reference is the server's answer time minus the scheduled time of that arrival.
        var duration = run.Result.Metrics["http_req_duration"];
        failures.Check(() => TruthAssert.PercentilesMatch($"{run.Transport} duration", Reference.Printed, p => Percentile(duration, p), FromSchedule(run, 400), 0.02, report));

        // Rates over the load period: 1,000 requests planned over 2.5 s are 400/s, however long the last answer took.
        var rate = run.Result.Metrics["http_reqs"].Rate!.Value;
        report.Add(Text($"{run.Transport} http_reqs rate {rate:0.00}/s (planned 400/s, server saw {run.Server.Count} in 2.5 s); run elapsed {run.Outcome.Elapsed.TotalSeconds:0.000} s"));
        report.ForEach(output.WriteLine);
        failures.Check(() => Assert.True(Math.Abs(rate - 400) <= 400 * 0.001, Text($"{run.Transport}: http_reqs rate {rate:0.00}/s for 1,000 requests planned over 2.5 s (400/s)")));
        output.WriteLine(run.MachineNote);
        failures.ThrowIfAny(run);
    });

    [Theory]
    [InlineData(TransportChoice.Lean)]
    [InlineData(TransportChoice.HttpClient)]
    public Task Stall_LatencyFromIntendedStartMatchesTheCoordinatedOmissionTruth(TransportChoice choice) => TruthRetry.WhileDisturbedAsync(output, async () =>
    {
        // 200 arrivals/s for 2 s, answered in 25 ms, except that from the 150th request the server holds every answer for
        // 300 ms: about 60 arrivals wait up to 300 ms. Users felt the wait from the moment they meant to send.
        var stallTicks = 300 * Millisecond;
        long stallStart = 0;
        using var server = new TruthServer(r =>
        {
            if (r.Index >= 150)
            {
                Interlocked.CompareExchange(ref stallStart, r.ArrivalTicks, 0);
            }

            var start = Volatile.Read(ref stallStart);
            var held = start != 0 && r.ArrivalTicks >= start && r.ArrivalTicks < start + stallTicks;
            return new TruthReply(200, Math.Max(r.ArrivalTicks + (25 * Millisecond), held ? start + stallTicks : 0));
        });
        var run = await TruthRunner.RunAsync($$"""
            target: {{server.BaseAddress}}
            requests: [{ name: work, path: /work }]
            load: { model: open, rate: 200, duration: 2s, max_connections: 100 }
            """, server, choice);

        var failures = new TruthFailures();
        failures.Check(() => TruthAssert.CountsMatchTheServer(run, _ => "work"));
        failures.Check(() => Assert.Equal(400, run.Server.Count));
        failures.Check(() => TruthAssert.IntendedBeforeSendBeforeEnd(run));
        var held = run.Server.Count(r => r.ServiceTicks > 50 * Millisecond);
        failures.Check(() => Assert.InRange(held, 40, 80));

        var report = new List<string> { Text($"{run.Transport}: {held} requests held by the stall, server max concurrency {Reference.MaxConcurrent(run.Server)}") };
        var duration = run.Result.Metrics["http_req_duration"];
        failures.Check(() => TruthAssert.PercentilesMatch($"{run.Transport} duration through a stall", Reference.Printed, p => Percentile(duration, p), FromSchedule(run, 200), 0.02, report));
        report.ForEach(output.WriteLine);
        output.WriteLine(run.MachineNote);
        failures.ThrowIfAny(run);
    });

    /// <summary>The truth server's service time for the request it saw <paramref name="index"/>th: 300 ms once in 1,000, 200 ms
    /// nine times in 1,000, otherwise 20–99.2 ms evenly.</summary>
    private static long ServiceTicks(long index) => index switch
    {
        _ when index % 1000 == 500 => 300 * Millisecond,
        _ when index % 100 == 50 => 200 * Millisecond,
        _ => (20 * Millisecond) + (index * 37 % 100 * 8 * Millisecond / 10),
    };

    /// <summary>
    /// The coordinated-omission truth: for the i-th arrival the server saw, its answer time minus the i-th scheduled time
    /// (i/<paramref name="rate"/> from the run's start), in microseconds.
    /// </summary>
    private static List<double> FromSchedule(TruthRun run, double rate) =>
        [.. run.Server.OrderBy(r => r.ArrivalTicks).Select((r, i) => Reference.Micros(r.DoneTicks - run.StartTicks - Reference.Ticks(i / rate)))];

    private static double Percentile(Pacer.Core.Results.MetricResult trend, decimal p) => p switch
    {
        50m => trend.P50!.Value,
        90m => trend.P90!.Value,
        95m => trend.P95!.Value,
        99m => trend.P99!.Value,
        99.9m => trend.P999!.Value,
        _ => throw new ArgumentOutOfRangeException(nameof(p), p, "Pacer reports p50, p90, p95, p99 and p99.9"),
    };

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
