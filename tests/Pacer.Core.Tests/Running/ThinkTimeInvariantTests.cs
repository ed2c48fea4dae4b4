using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Pacer.Core.Plans;
using Pacer.Core.Results;
using Pacer.Core.Running;
using Pacer.Core.Tests.TestServers;
using Pacer.Core.Thresholds;
using Pacer.Core.Transport;
using Xunit.Abstractions;

namespace Pacer.Core.Tests.Running;

/// <summary>
/// Invariants of a journey with a think time, over real runs against a server started here that notes when each request
/// reached it: every request went out no earlier than its intended start and ended after it went out (nothing was floored),
/// a step after a think never reached the server before the previous step's response plus the think, and each step's
/// lateness shows as generator lag. Open and closed model, on every transport that runs scenarios.
/// </summary>
[Collection(nameof(ThinkTimeTiming))]
public sealed class ThinkTimeInvariantTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Think = TimeSpan.FromMilliseconds(5);

    public static TheoryData<LoadModel, TransportChoice> Cases()
    {
        var cases = new TheoryData<LoadModel, TransportChoice>();
        foreach (var model in new[] { LoadModel.Closed, LoadModel.Open })
        {
            foreach (var choice in new[] { TransportChoice.Lean, TransportChoice.HttpClient, TransportChoice.Socket })
            {
                cases.Add(model, choice);
            }
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Journey_WithThinkTime_NoStepStartsEarlyAndLatenessIsLag(LoadModel model, TransportChoice choice)
    {
        // When each request reached the server (its handler began), by path and the user's iteration.
        var arrived = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        await using var server = await TestHttpServer.StartAsync(context =>
        {
            arrived[context.Request.Path.Value + context.Request.QueryString.Value] = Stopwatch.GetTimestamp();
            return context.Response.WriteAsync("""{"id":1}""");
        });
        var load = model == LoadModel.Closed
            ? "{ model: closed, vus: 4, duration: 2s, warmup: false }"
            : "{ model: open, rate: 40, duration: 2s, max_connections: 20, warmup: false }";
        var plan = PlanParser.Parse($$"""
            target: {{server.BaseAddress}}
            load: {{load}}
            scenarios:
              - name: journey
                steps:
                  - { name: login, method: POST, path: "/login?k=${vu}-${iter}" }
                  - { name: create, method: POST, path: "/create?k=${vu}-${iter}" }
                  - think: {{Think.TotalMilliseconds}}ms
                  - { name: command, method: POST, path: "/command?k=${vu}-${iter}" }
            """, "think.yaml");
        await using var transport = PlanTransport.Create(plan, choice);

        var outcome = await LoadRunner.RunAsync(plan, transport, new RunOptions(), CancellationToken.None);
        var result = ResultBuilder.Build(plan, outcome, new ThresholdMonitor(plan), transport.Name, transport.FirstErrorExamples);

        var command = outcome.Totals.PerRequest.Single(r => r.Name == "command");
        output.WriteLine($"{transport.Name} {model}: {outcome.Totals.Requests} requests; command queue p50 {command.QueueTime.ValueAtPercentile(50)} p99 {command.QueueTime.ValueAtPercentile(99)} max {command.QueueTime.Max} µs, p50 {command.Latency.ValueAtPercentile(50)} µs vs service p50 {command.ServiceTime.ValueAtPercentile(50)} µs; lag p50 {outcome.Generator.LagP50Ms} ms max {outcome.Generator.LagMaxMs} ms");
        Assert.Equal(0, outcome.Totals.Failures);
        Assert.True(command.Requests >= 20, $"{command.Requests} commands");

        // Intended start ≤ send ≤ end for every request: nothing was floored, so queue time ≥ 0 and duration ≥ service time.
        Assert.Equal(0, outcome.Totals.Clamped);
        Assert.Equal(0, result.Generator!.ClampedTimings);
        Assert.DoesNotContain(result.Warnings, w => w.Contains("out of order", StringComparison.Ordinal));

        // As the server saw it: a command never arrived sooner than the think time after its create arrived (the create's
        // response went out after that, and the think runs from when the response was in).
        var early = new List<string>();
        foreach (var (path, at) in arrived.Where(a => a.Key.StartsWith("/command", StringComparison.Ordinal)))
        {
            var created = arrived["/create" + path["/command".Length..]];
            var gap = Stopwatch.GetElapsedTime(created, at);
            if (gap < Think)
            {
                early.Add($"{path} {gap.TotalMilliseconds:0.###} ms after its create");
            }
        }

        Assert.True(early.Count == 0, $"{early.Count} of {command.Requests} commands reached the server before the think time was over: {string.Join("; ", early.Take(5))}");

        // A step's lateness after its intended start is the generator's: the lag covers the latest command (all but the
        // transport's own time between being handed the request and sending it: microseconds on the epoll loops and the
        // socket transport; HttpClient first goes through its connection pool and the thread pool, which on a loaded 2-core
        // CI host once took half a millisecond more than the generator's lag — lag max 1.836 ms, the command 2.324 ms late).
        var transportOwnMicroseconds = choice == TransportChoice.HttpClient ? 1000 : 50;
        Assert.True(
            outcome.Generator.LagMaxMs * 1000 >= (command.QueueTime.Max * 0.9) - transportOwnMicroseconds,
            $"lag max {outcome.Generator.LagMaxMs} ms, but a command went out {command.QueueTime.Max} µs after its intended start");
    }

    [Fact]
    public async Task Run_TimestampsOutOfOrder_AreCountedAndWarnedAbout()
    {
        // A transport that claims to have sent each request a second before it was asked to: the recorder must not floor
        // the negative queue time silently.
        var plan = TestPlans.Plan(new Uri("http://127.0.0.1:9/"), TestPlans.Closed(new Uri("http://127.0.0.1:9/"), (0.3, 1)).Load with { MaxRequests = 50 });
        await using var transport = new BackdatingTransport();

        var outcome = await LoadRunner.RunAsync(plan, transport, new RunOptions(), CancellationToken.None);
        var result = ResultBuilder.Build(plan, outcome, new ThresholdMonitor(plan), transport.Name, transport.FirstErrorExamples);

        Assert.Equal(outcome.Totals.Requests, outcome.Totals.Clamped);
        Assert.Equal(outcome.Totals.Requests, result.Generator!.ClampedTimings);
        Assert.Contains(result.Warnings, w => w.StartsWith($"{outcome.Totals.Requests:#,0} of {outcome.Totals.Requests:#,0} requests had timestamps out of order", StringComparison.Ordinal));
    }

    private sealed class BackdatingTransport : ITransport
    {
        public string Name => "backdating";

        public IReadOnlyDictionary<ErrorKind, string> FirstErrorExamples { get; } = new Dictionary<ErrorKind, string>();

        public TransportCapabilities Capabilities { get; } = TestTransports.FakeCapabilities();

        public ValueTask<TransportResult> ExchangeAsync(ExchangeRequest request, ExchangeResponse? response, long notBeforeTicks, CancellationToken cancellationToken)
        {
            var now = Stopwatch.GetTimestamp();
            return ValueTask.FromResult(new TransportResult(200, ErrorKind.None, now - Stopwatch.Frequency, now, 20, 40));
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
