using System.Diagnostics;
using System.Globalization;
using Pacer.Core.Transport;
using Xunit.Abstractions;

namespace Pacer.Core.Tests.Truth;

/// <summary>
/// A journey with think time (login → create → think 5–20 ms → command) against the truth server, closed and open: the
/// server sees each step no earlier than the previous answer plus the think time, every step's latency is at least the
/// server's service time, lateness shows as generator lag, and the counts are the server's.
/// </summary>
[Collection(nameof(TruthCollection))]
public sealed class JourneyTruthTests(ITestOutputHelper output)
{
    private static readonly long Millisecond = Stopwatch.Frequency / 1000;

    public static TheoryData<string, TransportChoice> Loads => new()
    {
        { "{ model: closed, vus: 5, duration: 1500ms }", TransportChoice.Lean },
        { "{ model: closed, vus: 5, duration: 1500ms }", TransportChoice.Socket },
        { "{ model: closed, vus: 5, duration: 1500ms }", TransportChoice.HttpClient },
        { "{ model: open, rate: 50, duration: 2s, max_connections: 20 }", TransportChoice.Lean },
        { "{ model: open, rate: 50, duration: 2s, max_connections: 20 }", TransportChoice.Socket },
        { "{ model: open, rate: 50, duration: 2s, max_connections: 20 }", TransportChoice.HttpClient },
    };

    [Theory]
    [MemberData(nameof(Loads))]
    public Task ThinkTime_NextStepNeverEarly_LatencyNeverBelowService_LatenessIsLag(string load, TransportChoice choice) => TruthRetry.WhileDisturbedAsync(output, async () =>
    {
        // Service: login 2 ms, create 3 ms (answered 201), command 4 ms. The user's number is in every path, so the server's
        // log can be read back per user.
        using var server = new TruthServer(r => r.Path.Split('/')[1] switch
        {
            "login" => new TruthReply(200, r.ArrivalTicks + (2 * Millisecond)),
            "create" => new TruthReply(201, r.ArrivalTicks + (3 * Millisecond)),
            _ => new TruthReply(200, r.ArrivalTicks + (4 * Millisecond)),
        });
        var run = await TruthRunner.RunAsync($$"""
            target: {{server.BaseAddress}}
            scenarios:
              - name: journey
                steps:
                  - { name: login, method: POST, path: "/login/${vu}", body: "user" }
                  - { name: create, method: POST, path: "/create/${vu}", body: { n: 1 } }
                  - think: 5ms..20ms
                  - { name: command, path: "/command/${vu}" }
            load: {{load}}
            """, server, choice);
        var report = new List<string>();

        var failures = new TruthFailures();
        failures.Check(() => Assert.Empty(run.WarmUp));
        failures.Check(() => TruthAssert.CountsMatchTheServer(run, path => path.Split('/')[1]));
        var step = (string name) => run.Server.Where(r => r.Path.StartsWith($"/{name}/", StringComparison.Ordinal)).ToList();

        // Per user, in the server's order: a command comes after a create, and no sooner than its answer plus 5 ms of thinking.
        var gaps = new List<double>();
        foreach (var user in run.Server.GroupBy(r => r.Path.Split('/')[2]))
        {
            var seen = user.OrderBy(r => r.ArrivalTicks).ToList();
            for (var i = 0; i < seen.Count; i++)
            {
                if (seen[i].Path.StartsWith("/command/", StringComparison.Ordinal))
                {
                    Assert.True(i > 0 && seen[i - 1].Path.StartsWith("/create/", StringComparison.Ordinal), $"user {user.Key}: a command without a create before it");
                    gaps.Add(Reference.Millis(seen[i].ArrivalTicks - seen[i - 1].DoneTicks));
                }
            }
        }

        gaps.Sort();
        var early = gaps.Count(g => g < 5);
        report.Add(Text($"{run.Transport} {load}: {run.Server.Count} requests, {gaps.Count} commands; server-side gap create answer → command: min {gaps[0]:0.000} ms, p50 {gaps[gaps.Count / 2]:0.000} ms; {early} under the 5 ms think minimum"));

        // Lateness: how much later than its intended start each later step went out (previous answer, plus the think time),
        // and the generator's lag over the run. The first step is left out: in the open model it is an arrival, whose lag
        // leaves out any wait for a free connection (queueing, not lateness).
        var first = run.IndexOf("login");
        var late = run.Observed.Where(o => o.RequestIndex != first).Select(o => Reference.Millis(o.SendTicks - o.IntendedTicks)).Order().ToList();
        var verdict = run.Outcome.Generator;
        report.Add(Text($"{run.Transport}: create and command, send − intended p50 {late[late.Count / 2]:0.000} ms, max {late[^1]:0.000} ms; generator lag p50 {verdict.LagP50Ms:0.###} ms, max {verdict.LagMaxMs:0.###} ms"));

        failures.Check(() => Assert.True(early == 0, Text($"{early} of {gaps.Count} commands reached the server less than 5 ms after the create's answer (earliest {gaps[0]:0.000} ms)")));
        failures.Check(() => TruthAssert.IntendedBeforeSendBeforeEnd(run));
        foreach (var name in new[] { "login", "create", "command" })
        {
            failures.Check(() => TruthAssert.LatencyNeverBelowService(run, name, step(name), report));
        }

        // Per-step lateness appears as lag: a step that went out late by L shows a lag of at least about L (0.5 ms allowed for
        // the histogram's buckets and for a lag taken just before the write rather than at it).
        failures.Check(() => Assert.True(verdict.LagMaxMs >= late[^1] - 0.5, Text($"a step went out {late[^1]:0.000} ms after its intended start, but the generator's lag max is {verdict.LagMaxMs:0.###} ms")));

        // Users (closed) or requests in flight (open) never exceed the plan's target, at the server and in the gauge.
        var bound = load.Contains("closed", StringComparison.Ordinal) ? 5 : 20;
        failures.Check(() => Assert.InRange(Reference.MaxConcurrent(run.Server), 1, bound));
        failures.Check(() => Assert.InRange(run.Result.Metrics["vus"].Max!.Value, 1, bound));

        report.ForEach(output.WriteLine);
        output.WriteLine(run.MachineNote);
        failures.ThrowIfAny(run);
    });

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
