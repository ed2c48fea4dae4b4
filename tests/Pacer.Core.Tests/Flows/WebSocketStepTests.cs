using System.Diagnostics;
using Pacer.Core.Flows;
using Pacer.Core.Plans;
using Pacer.Core.Plans.Scenarios;
using Pacer.Core.Recording;
using Pacer.Core.Tests.TestServers;
using Pacer.Core.Timing;
using Pacer.Core.Transport;

namespace Pacer.Core.Tests.Flows;

/// <summary>
/// WebSocket steps against a real server on 127.0.0.1 (port 0) that counts what it received and sent and holds each reply a
/// known time: round trips are at least that time and within a bound of it, counts equal the server's, and every failure
/// (refused upgrade, peer's close, silence) is a counted, classified error that ends the iteration on time.
/// </summary>
public sealed class WebSocketStepTests
{
    private const string Head = "target: http://127.0.0.1:9/\nload: {model: closed, vus: 1, duration: 1s}\n";

    [Fact]
    public async Task RequestReply_RoundTripIsAtLeastTheServersDelay_AndCountsEqualTheServers()
    {
        var delay = TimeSpan.FromMilliseconds(20);
        await using var server = await TestWebSocketServer.StartAsync(new WebSocketBehaviour { ReplyDelay = delay });
        var plan = Plan(server, """
                  - { ws: connect, path: "URL" }
                  - { ws: request, text: '{"id": "${iter}-a", "cmd": "ls"}', correlate: $.id, timeout: 5s }
                  - { ws: request, text: '{"id": "${iter}-b", "cmd": "pwd"}', correlate: $.id, timeout: 5s }
                  - { ws: close, code: 1000 }
            """);
        var (runner, recorder) = Runner(plan);
        var user = new VirtualUser(0);
        for (var i = 0; i < 5; i++)
        {
            Assert.True(await runner.RunIterationAsync(user, i, Stopwatch.GetTimestamp(), CancellationToken.None));
        }

        recorder.Tick(1);
        Assert.Empty(runner.Errors.Snapshot());
        var rtt = Trend(recorder, "ws_msg_rtt");
        Assert.Equal(10, rtt.TotalCount);
        Assert.True(rtt.Min >= delay.TotalMicroseconds, $"a round trip of {rtt.Min} µs is shorter than the server's {delay.TotalMilliseconds} ms hold");
        Assert.True(rtt.Max < (delay + TimeSpan.FromSeconds(1)).TotalMicroseconds, $"a round trip of {rtt.Max} µs is far beyond the server's hold");
        Assert.Equal(server.Received, Counter(recorder, "ws_msgs_sent"));
        Assert.Equal(server.Sent, Counter(recorder, "ws_msgs_received"));
        Assert.Equal(10, server.Received);
        Assert.Equal(5, Counter(recorder, "ws_sessions"));
        Assert.Equal(5, server.Sockets);
        Assert.Equal(5, Trend(recorder, "ws_connecting").TotalCount);
        Assert.Equal(5, Trend(recorder, "ws_session_duration").TotalCount);
        Assert.Equal(0, Counter(recorder, "ws_errors"));
        Assert.All(server.CloseCodes, code => Assert.Equal(1000, code));
    }

    [Fact]
    public async Task RequestReply_SentLateByTheGenerator_CountsTheLatenessFromTheIntendedSendTime()
    {
        // The think ends at T; the clock wakes the user 60 ms after T, so the message goes out 60 ms late. The server holds the
        // reply 10 ms: the round trip from the intended send is at least 70 ms, the server's own view only 10 ms.
        await using var server = await TestWebSocketServer.StartAsync(new WebSocketBehaviour { ReplyDelay = TimeSpan.FromMilliseconds(10) });
        var plan = Plan(server, """
                  - { ws: connect, path: "URL" }
                  - think: 20ms
                  - { ws: request, text: '{"id": "1"}', correlate: $.id, timeout: 5s }
            """);
        var (runner, recorder) = Runner(plan, new LateStepClock(TimeSpan.FromMilliseconds(60)));
        var user = new VirtualUser(0);

        Assert.True(await runner.RunIterationAsync(user, 0, Stopwatch.GetTimestamp(), CancellationToken.None));

        recorder.Tick(1);
        var rtt = Trend(recorder, "ws_msg_rtt");
        Assert.Equal(1, rtt.TotalCount);
        Assert.True(rtt.Min >= 70_000, $"the round trip {rtt.Min} µs left out the 60 ms the send was late");
        Assert.True(rtt.Max < 1_070_000);
        Assert.Equal(1, server.Received);
    }

    [Fact]
    public async Task RequestReply_OutOfOrderMessages_AreCountedUnmatchedAndTheCorrelatedReplyIsTaken()
    {
        await using var server = await TestWebSocketServer.StartAsync(new WebSocketBehaviour { NoiseBeforeReply = 3 });
        var plan = Plan(server, """
                  - { ws: connect, path: "URL" }
                  - ws: request
                    text: '{"id": "q-${iter}", "value": 42}'
                    correlate: $.id
                    extract: [{ var: answer, json: $.value }]
                    checks: [{ name: reply is q, json: $.id, equals: "q-${iter}" }]
                  - { ws: send, text: 'answer=${answer}' }
                  - { ws: receive, match: { contains: "answer=42" }, checks: [{ name: echoed, body_contains: "answer=42" }] }
            """);
        var (runner, recorder) = Runner(plan);

        Assert.True(await runner.RunIterationAsync(new VirtualUser(0), 7, Stopwatch.GetTimestamp(), CancellationToken.None));

        Assert.Empty(runner.Errors.Snapshot());
        Assert.Equal(6, Counter(recorder, "ws_msgs_unmatched"));
        Assert.Equal(2, recorder.Checks.Names.Count);
        Assert.Equal(8, server.Sent);
        Assert.Equal(server.Sent, Counter(recorder, "ws_msgs_received"));
        Assert.All(Enumerable.Range(0, 2), i => Assert.Equal(0, recorder.Checks.Fails(i)));
    }

    [Fact]
    public async Task Connect_SendsTemplatedHeadersAndSubprotocols()
    {
        await using var server = await TestWebSocketServer.StartAsync(new WebSocketBehaviour { Greeting = """{"type":"hello"}""" });
        var plan = Plan(server, """
                  - ws: connect
                    path: "URL?user=${vu}"
                    headers: { Authorization: "Bearer tok-${vu}" }
                    subprotocols: [terminal.v1, terminal.v0]
                  - { ws: receive, match: { json: $.type, equals: hello }, timeout: 5s }
            """);
        var (runner, recorder) = Runner(plan);

        Assert.True(await runner.RunIterationAsync(new VirtualUser(3), 0, Stopwatch.GetTimestamp(), CancellationToken.None));

        Assert.Empty(runner.Errors.Snapshot());
        Assert.Equal("Bearer tok-3", Assert.Single(server.Authorizations));
        Assert.Equal("terminal.v1,terminal.v0", Assert.Single(server.Subprotocols));
        Assert.Equal(1, Counter(recorder, "ws_msgs_received"));
    }

    [Fact]
    public async Task Connect_RefusedWith403_IsAClassifiedErrorAndTheIterationEnds()
    {
        await using var server = await TestWebSocketServer.StartAsync(new WebSocketBehaviour { RefuseStatus = 403 });
        var plan = Plan(server, """
                  - { ws: connect, name: open terminal, path: "URL" }
                  - { ws: send, text: never }
            """);
        var (runner, recorder) = Runner(plan);

        Assert.True(await runner.RunIterationAsync(new VirtualUser(0), 0, Stopwatch.GetTimestamp(), CancellationToken.None));

        var error = Assert.Single(runner.Errors.Snapshot());
        Assert.Equal("ws_handshake_403", error.Kind);
        Assert.Equal("open terminal", error.Step);
        Assert.Contains("403", error.FirstMessage, StringComparison.Ordinal);
        Assert.Equal(1, Counter(recorder, "ws_errors"));
        Assert.Equal(0, Counter(recorder, "ws_sessions"));
        Assert.Equal(0, Counter(recorder, "ws_msgs_sent"));
    }

    [Fact]
    public async Task Request_PeerClosesMidSession_IsClosedWithItsCode()
    {
        await using var server = await TestWebSocketServer.StartAsync(new WebSocketBehaviour { CloseAfter = 2 });
        var plan = Plan(server, """
                  - { ws: connect, path: "URL" }
                  - { ws: request, text: '{"id": 1}', correlate: $.id }
                  - { ws: request, text: '{"id": 2}', correlate: $.id }
                  - { ws: request, text: '{"id": 3}', correlate: $.id }
            """);
        var (runner, recorder) = Runner(plan);

        Assert.True(await runner.RunIterationAsync(new VirtualUser(0), 0, Stopwatch.GetTimestamp(), CancellationToken.None));

        var error = Assert.Single(runner.Errors.Snapshot());
        Assert.Equal("ws_closed_1011", error.Kind);
        Assert.Equal(1, Counter(recorder, "ws_errors"));
        Assert.Equal(2, Counter(recorder, "ws_msgs_sent"));
        Assert.Equal(2, server.Received);
        Assert.Equal(server.Sent, Counter(recorder, "ws_msgs_received"));
        recorder.Tick(1);
        Assert.Equal(1, Trend(recorder, "ws_msg_rtt").TotalCount);
    }

    [Fact]
    public async Task Request_ServerNeverReplies_TimesOutOnTime()
    {
        await using var server = await TestWebSocketServer.StartAsync(new WebSocketBehaviour { Silent = true });
        var plan = Plan(server, """
                  - { ws: connect, path: "URL" }
                  - { ws: request, text: '{"id": 1}', correlate: $.id, timeout: 200ms }
                  - { ws: send, text: after }
            """);
        var (runner, recorder) = Runner(plan);
        var started = Stopwatch.GetTimestamp();

        Assert.True(await runner.RunIterationAsync(new VirtualUser(0), 0, Stopwatch.GetTimestamp(), CancellationToken.None));

        var took = Stopwatch.GetElapsedTime(started);
        var error = Assert.Single(runner.Errors.Snapshot());
        Assert.Equal("ws_timeout", error.Kind);
        Assert.True(took >= TimeSpan.FromMilliseconds(200), $"gave up after {took.TotalMilliseconds} ms, before its 200 ms timeout");
        Assert.True(took < TimeSpan.FromSeconds(5), $"took {took.TotalMilliseconds} ms to give up after a 200 ms timeout");
        Assert.Equal(1, server.Received);
        Assert.Equal(1, Counter(recorder, "ws_errors"));
        recorder.Tick(1);
        Assert.Equal(0, Trend(recorder, "ws_msg_rtt").TotalCount);
    }

    [Fact]
    public async Task ScopeVu_KeepsOneSocketAcrossIterations_UntilTheUserLeaves()
    {
        await using var server = await TestWebSocketServer.StartAsync(new WebSocketBehaviour());
        var plan = Plan(server, """
                  - { ws: connect, path: "URL", scope: vu }
                  - { ws: request, text: '{"id": "${iter}"}', correlate: $.id }
            """);
        var (runner, recorder) = Runner(plan);
        var user = new VirtualUser(0);
        for (var i = 0; i < 4; i++)
        {
            Assert.True(await runner.RunIterationAsync(user, i, Stopwatch.GetTimestamp(), CancellationToken.None));
        }

        Assert.Equal(1, server.Sockets);
        Assert.Equal(1, Counter(recorder, "ws_sessions"));
        await runner.EndUserAsync(user, CancellationToken.None);
        recorder.Tick(1);
        Assert.Equal(1, Trend(recorder, "ws_session_duration").TotalCount);
        Assert.Equal(4, server.Received);
        Assert.Equal(server.Sent, Counter(recorder, "ws_msgs_received"));
    }

    [Fact]
    public async Task ScopeVu_SocketThePeerClosed_IsOpenedAgainByTheNextIterationsConnect()
    {
        await using var server = await TestWebSocketServer.StartAsync(new WebSocketBehaviour { CloseAfter = 1 });
        var plan = Plan(server, """
                  - { ws: connect, path: "URL", scope: vu }
                  - { ws: request, text: '{"id": "${iter}"}', correlate: $.id }
            """);
        var (runner, recorder) = Runner(plan);
        var user = new VirtualUser(0);

        Assert.True(await runner.RunIterationAsync(user, 0, Stopwatch.GetTimestamp(), CancellationToken.None));
        Assert.True(await runner.RunIterationAsync(user, 1, Stopwatch.GetTimestamp(), CancellationToken.None));
        await runner.EndUserAsync(user, CancellationToken.None);

        Assert.Equal(2, server.Sockets);
        Assert.Equal(2, Counter(recorder, "ws_sessions"));
        Assert.Equal("ws_closed_1011", Assert.Single(runner.Errors.Snapshot()).Kind);
        Assert.Equal(2, Counter(recorder, "ws_errors"));
    }

    [Fact]
    public async Task Connect_HeaderTheClientWillNotSend_IsAnErrorNotACrash()
    {
        await using var server = await TestWebSocketServer.StartAsync(new WebSocketBehaviour());
        var plan = Plan(server, """
                  - { ws: connect, path: "URL", headers: { "Bad Name": x } }
            """);
        var (runner, recorder) = Runner(plan);

        Assert.True(await runner.RunIterationAsync(new VirtualUser(0), 0, Stopwatch.GetTimestamp(), CancellationToken.None));

        Assert.Equal("ws_protocol", Assert.Single(runner.Errors.Snapshot()).Kind);
        Assert.Equal(0, server.Sockets);
        Assert.Equal(1, Counter(recorder, "ws_errors"));
    }

    [Fact]
    public async Task SeveralNamedSockets_AndABinaryMessage_EachGoToTheirOwnSocket()
    {
        await using var server = await TestWebSocketServer.StartAsync(new WebSocketBehaviour());
        var plan = Plan(server, """
                  - { ws: connect, socket: a, path: "URL" }
                  - { ws: connect, socket: b, path: "URL" }
                  - { ws: send, socket: b, binary: AAECAw== }
                  - { ws: receive, socket: b, checks: [{ name: four bytes back, duration_under: 5s }] }
                  - { ws: send, socket: a, text: hello }
                  - { ws: receive, socket: a, match: { regex: "^hel+o$" } }
                  - { ws: close, socket: a, code: 4001 }
            """);
        var (runner, recorder) = Runner(plan);
        var user = new VirtualUser(0);

        Assert.True(await runner.RunIterationAsync(user, 0, Stopwatch.GetTimestamp(), CancellationToken.None));

        Assert.Empty(runner.Errors.Snapshot());
        Assert.Equal("hello", user.Response.Text);
        Assert.Equal(2, server.Sockets);
        Assert.Equal(2, Counter(recorder, "ws_msgs_received"));
        Assert.False(user.Sockets.AnyIterationScoped);
        Assert.Contains(4001, server.CloseCodes);
        Assert.Contains(1000, server.CloseCodes);
    }

    [Fact]
    public async Task Request_MessageLargerThanAFrameBuffer_IsJoinedWholeAndCheckedOnce()
    {
        // 200 kB: many reads of the receive loop's 16 kB buffer (and several frames on the server's side) make one message.
        await using var server = await TestWebSocketServer.StartAsync(new WebSocketBehaviour());
        var big = new string('x', 200_000);
        var plan = Plan(server, $$"""
                  - { ws: connect, path: "URL" }
                  - { ws: request, text: '{"id": "big", "pad": "{{big}}"}', correlate: $.id, checks: [{ name: whole, body_contains: "x\"}" }] }
            """);
        var (runner, recorder) = Runner(plan);
        var user = new VirtualUser(0);

        Assert.True(await runner.RunIterationAsync(user, 0, Stopwatch.GetTimestamp(), CancellationToken.None));

        Assert.Empty(runner.Errors.Snapshot());
        Assert.Equal(big.Length + 24, user.Response.Body.Length);
        Assert.Equal(1, Counter(recorder, "ws_msgs_received"));
        Assert.Equal(0, recorder.Checks.Fails(0));
        Assert.Equal(1, recorder.Checks.Passes(0));
    }

    [Fact]
    public async Task SendOnASocketNeverOpened_IsAnErrorNamingIt()
    {
        var plan = PlanParser.Parse(Head + "scenarios:\n  - steps:\n      - { ws: send, socket: chat, text: hi }\n", "p.yaml");
        var (runner, recorder) = Runner(plan);

        Assert.True(await runner.RunIterationAsync(new VirtualUser(0), 0, Stopwatch.GetTimestamp(), CancellationToken.None));

        var error = Assert.Single(runner.Errors.Snapshot());
        Assert.Equal("ws_not_open", error.Kind);
        Assert.Contains("'chat'", error.FirstMessage, StringComparison.Ordinal);
        Assert.Equal("p.yaml:5:9", error.Location);
        Assert.Equal(1, Counter(recorder, "ws_errors"));
    }

    private static LoadPlan Plan(TestWebSocketServer server, string steps) =>
        PlanParser.Parse(Head + "scenarios:\n  - steps:\n" + steps.Replace("URL", server.Address.ToString().TrimEnd('/') + "/ws", StringComparison.Ordinal), "p.yaml");

    private static (FlowRunner Runner, RunRecorder Recorder) Runner(LoadPlan plan, IStepClock? clock = null)
    {
        var recorder = new RunRecorder([.. plan.Requests.Select(r => r.Name)], ScenarioSteps.CheckNames(plan.Scenarios), plan.CustomMetrics, ScenarioSteps.GroupNames(plan.Scenarios));
        return (new FlowRunner(plan.Scenarios, new NoHttp(), recorder, () => true, clock), recorder);
    }

    private static int Index(RunRecorder recorder, string name) =>
        recorder.Custom.Specs.Select((s, i) => (s, i)).Single(x => x.s.Name == name).i;

    private static long Counter(RunRecorder recorder, string name) => recorder.Custom.Trues(Index(recorder, name));

    private static LatencyHistogram Trend(RunRecorder recorder, string name) => recorder.Custom.Trends[Index(recorder, name)]!;

    /// <summary>These journeys have no HTTP step: an exchange here is a wiring mistake.</summary>
    private sealed class NoHttp : ITransport
    {
        public string Name => "none";

        public TransportCapabilities Capabilities { get; } = new(new HashSet<string>());

        public IReadOnlyDictionary<ErrorKind, string> FirstErrorExamples { get; } = new Dictionary<ErrorKind, string>();

        public ValueTask<TransportResult> ExchangeAsync(ExchangeRequest request, ExchangeResponse? response, long notBeforeTicks, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("no HTTP step in this plan");

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
