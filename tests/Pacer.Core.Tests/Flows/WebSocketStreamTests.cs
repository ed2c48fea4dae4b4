using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Pacer.Core.Flows;
using Pacer.Core.Plans;
using Pacer.Core.Plans.Scenarios;
using Pacer.Core.Recording;
using Pacer.Core.Tests.TestServers;
using Pacer.Core.Timing;
using Pacer.Core.Transport;

namespace Pacer.Core.Tests.Flows;

/// <summary>
/// The WebSocket steps beyond one message at a time — stream (the open model on one socket), hold, ping — against a server on
/// raw sockets written here (<see cref="RawWebSocketServer"/>), independent of the .NET WebSocket code Pacer's client uses:
/// out-of-order replies, fragments with pings between them, frames larger than the client's buffer, a refused upgrade, a
/// server's close with its code, a slow reader; the counts Pacer reports equal the server's own.
/// </summary>
public sealed class WebSocketStreamTests
{
    private const string Head = "target: http://127.0.0.1:9/\nload: {model: closed, vus: 1, duration: 1s}\n";

    [Fact]
    public async Task Stream_RepliesOutOfOrder_AreEachPairedWithTheirMessage_AndCountsEqualTheServers()
    {
        // The server answers in batches of four, last first: every reply still finds its own message.
        await using var server = RawWebSocketServer.Start(async c =>
        {
            var batch = new List<byte[]>();
            while (await c.ReadMessageAsync() is { } message)
            {
                batch.Add(message.Payload);
                if (batch.Count == 4)
                {
                    foreach (var payload in Enumerable.Reverse(batch))
                    {
                        await c.SendMessageAsync(payload, binary: false);
                    }

                    batch.Clear();
                }
            }
        });
        var plan = Plan(server, """
                  - { ws: connect, path: "URL" }
                  - ws: stream
                    name: run command
                    text: '{"id": "${uuid}", "cmd": "ls"}'
                    correlate: $.id
                    rate: 200/s
                    count: 12
                    timeout: 5s
                    checks: [{ name: has cmd, json: $.cmd, equals: ls }]
                  - { ws: close }
            """);
        var (runner, recorder) = Runner(plan);

        Assert.True(await runner.RunIterationAsync(new VirtualUser(0), 0, Stopwatch.GetTimestamp(), CancellationToken.None));

        recorder.Tick(1);
        Assert.Empty(runner.Errors.Snapshot());
        Assert.Equal(12, server.Received);
        Assert.Equal(server.Received, Counter(recorder, "ws_msgs_sent"));
        Assert.Equal(server.Sent, Counter(recorder, "ws_msgs_received"));
        Assert.Equal(12, Trend(recorder, "ws_msg_rtt").TotalCount);
        Assert.Equal(12, Trend(recorder, "ws_msg_rtt{step:run command}").TotalCount);
        Assert.Equal(12, Counter(recorder, "ws_msgs_sent{step:run command}"));
        Assert.Equal(0, Counter(recorder, "ws_msgs_unmatched"));
        Assert.Equal(12, recorder.Checks.Passes(0));
    }

    [Fact]
    public async Task Stream_SendsOnItsSchedule_NeverEarly_AndTheRoundTripRunsFromTheIntendedSend()
    {
        var arrivals = new ConcurrentQueue<long>();
        await using var server = RawWebSocketServer.Start(async c =>
        {
            while (await c.ReadMessageAsync() is { } message)
            {
                arrivals.Enqueue(Stopwatch.GetTimestamp());
                await c.SendMessageAsync(message.Payload, binary: false);
            }
        });
        var plan = Plan(server, """
                  - { ws: connect, path: "URL" }
                  - { ws: stream, text: '{"id": "${uuid}"}', correlate: $.id, rate: 50/s, count: 10, timeout: 5s }
            """);
        var lags = new ConcurrentQueue<long>();
        var (runner, recorder) = Runner(plan, lag: lags.Enqueue);
        var start = Stopwatch.GetTimestamp();

        Assert.True(await runner.RunIterationAsync(new VirtualUser(0), 0, start, CancellationToken.None));

        recorder.Tick(1);
        Assert.Empty(runner.Errors.Snapshot());

        // Message 9 is due 180 ms after the stream's start (the connect's end): it cannot have arrived before then.
        Assert.True(Stopwatch.GetElapsedTime(start, arrivals.Max()) >= TimeSpan.FromMilliseconds(180), "the stream's last message went out before its time");
        Assert.Equal(10, lags.Count);
        Assert.All(lags, lag => Assert.True(lag >= 0, $"a message was sent {-lag} ticks before its intended time"));
        Assert.Equal(10, Trend(recorder, "ws_msg_rtt").TotalCount);
    }

    [Fact]
    public async Task Stream_SentLateByTheGenerator_CarriesTheLatenessInItsRoundTripAndLag()
    {
        await using var server = RawWebSocketServer.Start(async c =>
        {
            while (await c.ReadMessageAsync() is { } message)
            {
                await c.SendMessageAsync(message.Payload, binary: false);
            }
        });
        var plan = Plan(server, """
                  - { ws: connect, path: "URL" }
                  - think: 10ms
                  - { ws: stream, text: '{"id": "${uuid}"}', correlate: $.id, rate: 10/s, count: 3, timeout: 5s }
            """);
        var lags = new ConcurrentQueue<long>();

        // Every wake-up of the step clock comes 50 ms after its time (the think's end, each message's): each message is sent
        // 50 ms late, and says so.
        var (runner, recorder) = Runner(plan, new LateStepClock(TimeSpan.FromMilliseconds(50)), lags.Enqueue);

        Assert.True(await runner.RunIterationAsync(new VirtualUser(0), 0, Stopwatch.GetTimestamp(), CancellationToken.None));

        recorder.Tick(1);
        var rtt = Trend(recorder, "ws_msg_rtt");
        Assert.Equal(3, rtt.TotalCount);
        Assert.True(rtt.Min >= 50_000, $"a round trip of {rtt.Min} µs left out the 50 ms its send was late");
        Assert.Equal(3, lags.Count);
        Assert.All(lags, lag => Assert.True(Stopwatch.GetElapsedTime(0, lag) >= TimeSpan.FromMilliseconds(50)));
    }

    [Fact]
    public async Task Stream_AReplyThatNeverComes_IsOneTimeout_AndTheOthersArePaired()
    {
        await using var server = RawWebSocketServer.Start(async c =>
        {
            while (await c.ReadMessageAsync() is { } message)
            {
                if (!Encoding.UTF8.GetString(message.Payload).Contains("\"n\": \"1\"", StringComparison.Ordinal))
                {
                    await c.SendMessageAsync(message.Payload, binary: false);
                }
            }
        });
        var plan = Plan(server, """
                  - { ws: connect, path: "URL" }
                  - { ws: stream, name: cmds, text: '{"id": "${uuid}", "n": "${random(1,1)}"}', correlate: $.id, rate: 100/s, count: 1, timeout: 150ms }
                  - { ws: stream, name: more, text: '{"id": "${uuid}", "n": "2"}', correlate: $.id, rate: 100/s, count: 3, timeout: 5s }
            """);
        var (runner, recorder) = Runner(plan);
        var started = Stopwatch.GetTimestamp();

        Assert.True(await runner.RunIterationAsync(new VirtualUser(0), 0, Stopwatch.GetTimestamp(), CancellationToken.None));

        var error = Assert.Single(runner.Errors.Snapshot());
        Assert.Equal("ws_timeout", error.Kind);
        Assert.Equal("cmds", error.Step);
        Assert.True(Stopwatch.GetElapsedTime(started) >= TimeSpan.FromMilliseconds(150));
        Assert.Equal(1, Counter(recorder, "ws_errors{step:cmds}"));

        // The iteration ends at the failed step: the second stream never ran.
        Assert.Equal(1, server.Received);
    }

    [Fact]
    public async Task Hold_CountsAndTimesPushedMessages_AnswersPingsMeanwhile_AndEqualsTheServersCount()
    {
        // A broadcast: 20 messages, one every 10 ms, a ping before each; one message comes in 6 fragments with pings between them.
        await using var server = RawWebSocketServer.Start(async c =>
        {
            var reader = Task.Run(async () =>
            {
                while (await c.ReadMessageAsync() is not null)
                {
                }
            });
            for (var i = 0; i < 20; i++)
            {
                await c.PingAsync();
                if (i == 10)
                {
                    await c.SendFragmentedAsync($$"""{"type":"tick","n":{{i}},"pad":"{{new string('y', 5000)}}"}""", parts: 6, pingBetween: true);
                }
                else
                {
                    await c.SendTextAsync($$"""{"type":"{{(i % 5 == 0 ? "other" : "tick")}}","n":{{i}}}""");
                }

                await Task.Delay(10);
            }

            await reader;
        });
        var plan = Plan(server, """
                  - { ws: connect, path: "URL" }
                  - ws: hold
                    name: room
                    duration: 700ms
                    match: { json: $.type, equals: tick }
                    checks: [{ name: numbered, json: $.n, exists: true }]
                  - { ws: close, code: 1000 }
            """);
        var (runner, recorder) = Runner(plan);

        Assert.True(await runner.RunIterationAsync(new VirtualUser(0), 0, Stopwatch.GetTimestamp(), CancellationToken.None));

        recorder.Tick(1);
        Assert.Empty(runner.Errors.Snapshot());
        var connection = Assert.Single(server.Accepted);
        Assert.Equal(20, server.Sent);
        Assert.Equal(server.Sent, Counter(recorder, "ws_msgs_received"));
        Assert.Equal(3, Counter(recorder, "ws_msgs_unmatched"));
        Assert.Equal(17, recorder.Checks.Passes(0));
        Assert.Equal(19, Trend(recorder, "ws_msg_interval").TotalCount);
        Assert.Equal(19, Trend(recorder, "ws_msg_interval{step:room}").TotalCount);
        Assert.Equal(25, connection.Pongs);
        Assert.Equal(1000, connection.ClientCloseCode);
        Assert.Equal(1, Trend(recorder, "ws_time_to_first_msg").TotalCount);
    }

    [Fact]
    public async Task Hold_ServerClosesWithACode_IsAClassifiedErrorWithThatCode()
    {
        await using var server = RawWebSocketServer.Start(async c =>
        {
            await c.SendTextAsync("hello");
            await c.CloseAsync(4002);
            await c.ReadMessageAsync();
        });
        var plan = Plan(server, """
                  - { ws: connect, path: "URL" }
                  - { ws: hold, name: listen, duration: 5s }
            """);
        var (runner, recorder) = Runner(plan);
        var started = Stopwatch.GetTimestamp();

        Assert.True(await runner.RunIterationAsync(new VirtualUser(0), 0, Stopwatch.GetTimestamp(), CancellationToken.None));

        Assert.True(Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(4), "the hold waited out its duration on a closed socket");
        var error = Assert.Single(runner.Errors.Snapshot());
        Assert.Equal("ws_closed_4002", error.Kind);
        Assert.Equal("listen", error.Step);
        Assert.Equal(1, Counter(recorder, "ws_msgs_received"));
    }

    [Fact]
    public async Task Connect_Refused401_IsClassifiedWithItsStatus()
    {
        await using var server = RawWebSocketServer.Start(_ => Task.CompletedTask, refuseStatus: 401);
        var plan = Plan(server, """
                  - { ws: connect, name: open, path: "URL", headers: { Authorization: "Bearer wrong" } }
                  - { ws: stream, text: x, rate: 10/s, count: 1 }
            """);
        var (runner, recorder) = Runner(plan);

        Assert.True(await runner.RunIterationAsync(new VirtualUser(0), 0, Stopwatch.GetTimestamp(), CancellationToken.None));

        var error = Assert.Single(runner.Errors.Snapshot());
        Assert.Equal("ws_handshake_401", error.Kind);
        Assert.Equal(1, Counter(recorder, "ws_errors{step:open}"));
        Assert.Equal(0, Counter(recorder, "ws_sessions"));
    }

    [Fact]
    public async Task Receive_MessageLargerThanAFrameAndTheClientsBuffer_IsWholeAndExtracted()
    {
        // One 300 kB frame (a 64-bit length), then the same in 9 fragments: both arrive whole.
        var pad = new string('z', 300_000);
        await using var server = RawWebSocketServer.Start(async c =>
        {
            await c.SendTextAsync($$"""{"n":"one","pad":"{{pad}}"}""");
            await c.SendFragmentedAsync($$"""{"n":"two","pad":"{{pad}}"}""", parts: 9, pingBetween: false);
            await c.ReadMessageAsync();
        });
        var plan = Plan(server, """
                  - { ws: connect, path: "URL" }
                  - { ws: receive, extract: [{ var: first, json: $.n }] }
                  - { ws: receive, match: { json: $.n, equals: two }, checks: [{ name: whole, body_contains: "zzz\"}" }] }
            """);
        var (runner, recorder) = Runner(plan);
        var user = new VirtualUser(0);

        Assert.True(await runner.RunIterationAsync(user, 0, Stopwatch.GetTimestamp(), CancellationToken.None));

        Assert.Empty(runner.Errors.Snapshot());
        Assert.Equal(pad.Length + 20, user.Response.Body.Length);
        Assert.Equal(1, recorder.Checks.Passes(0));
        Assert.Equal(2, Counter(recorder, "ws_msgs_received"));
    }

    [Fact]
    public async Task Stream_SlowReader_BacksUpTheSendsWithoutLosingOrMiscountingOne()
    {
        // The server reads nothing for 300 ms, then everything: 12 MB of sends back up behind the socket buffers and go out
        // late; every one arrives, and Pacer's count is the server's.
        await using var server = RawWebSocketServer.Start(async c =>
        {
            await Task.Delay(300);
            while (await c.ReadMessageAsync() is not null)
            {
            }
        });
        var dataDir = Directory.CreateTempSubdirectory("pacer-ws-");
        try
        {
            var payload = new byte[256 * 1024];
            Random.Shared.NextBytes(payload);
            await File.WriteAllBytesAsync(Path.Combine(dataDir.FullName, "frame.bin"), payload);
            var plan = PlanParser.Parse(Head + "scenarios:\n  - steps:\n" + """
                      - { ws: connect, path: "URL" }
                      - { ws: stream, binary_file: frame.bin, rate: 1000/s, count: 48 }
                      - { ws: close }
                """.Replace("URL", server.Address + "ws", StringComparison.Ordinal), Path.Combine(dataDir.FullName, "p.yaml"));
            var lags = new ConcurrentQueue<long>();
            var (runner, recorder) = Runner(plan, lag: lags.Enqueue);

            Assert.True(await runner.RunIterationAsync(new VirtualUser(0), 0, Stopwatch.GetTimestamp(), CancellationToken.None));

            Assert.Empty(runner.Errors.Snapshot());
            Assert.Equal(48, Counter(recorder, "ws_msgs_sent"));
            Assert.Equal(48, server.Received);
            Assert.True(Stopwatch.GetElapsedTime(0, lags.Max()) > TimeSpan.FromMilliseconds(10), "a slow reader held no send back");
        }
        finally
        {
            dataDir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Ping_IsAnsweredByTheServersPong_AndTimed()
    {
        await using var server = RawWebSocketServer.Start(async c =>
        {
            while (await c.ReadMessageAsync() is { } message)
            {
                await c.SendMessageAsync(message.Payload, binary: false);
            }
        });
        var plan = Plan(server, """
                  - { ws: connect, path: "URL" }
                  - { ws: ping, name: heartbeat, timeout: 5s }
                  - { ws: request, text: '{"id": "a"}', correlate: $.id, timeout: 5s }
                  - { ws: ping, name: heartbeat, timeout: 5s }
                  - { ws: close }
            """);
        var (runner, recorder) = Runner(plan);

        Assert.True(await runner.RunIterationAsync(new VirtualUser(0), 0, Stopwatch.GetTimestamp(), CancellationToken.None));

        recorder.Tick(1);
        Assert.Empty(runner.Errors.Snapshot());
        Assert.Equal(2, Assert.Single(server.Accepted).PingsAnswered);
        Assert.Equal(2, Trend(recorder, "ws_ping").TotalCount);
        Assert.Equal(2, Trend(recorder, "ws_ping{step:heartbeat}").TotalCount);
        Assert.Equal(1, Trend(recorder, "ws_msg_rtt").TotalCount);
        Assert.Equal(1, Counter(recorder, "ws_msgs_received"));
    }

    [Fact]
    public async Task Ping_AnUnsolicitedPongFirst_DoesNotEndTheWait_TheAnsweringOneDoes()
    {
        await using var server = RawWebSocketServer.Start(async c =>
        {
            c.UnsolicitedPongFirst = true;
            c.PongDelay = TimeSpan.FromMilliseconds(60);
            while (await c.ReadMessageAsync() is not null)
            {
            }
        });
        var plan = Plan(server, """
                  - { ws: connect, path: "URL" }
                  - { ws: ping, timeout: 5s }
                  - { ws: close }
            """);
        var (runner, recorder) = Runner(plan);

        Assert.True(await runner.RunIterationAsync(new VirtualUser(0), 0, Stopwatch.GetTimestamp(), CancellationToken.None));

        recorder.Tick(1);
        Assert.Empty(runner.Errors.Snapshot());
        var ping = Trend(recorder, "ws_ping");
        Assert.Equal(1, ping.TotalCount);
        Assert.True(ping.Min >= 60_000, $"the ping took {ping.Min} µs: the keep-alive pong before the 60 ms answer ended it");
    }

    [Fact]
    public async Task Ping_ServerThatNeverPongs_TimesOut()
    {
        // This server reads nothing after the handshake, so no pong ever comes.
        using var release = new SemaphoreSlim(0);
        await using var server = RawWebSocketServer.Start(async _ => await release.WaitAsync());
        var plan = Plan(server, """
                  - { ws: connect, path: "URL" }
                  - { ws: ping, timeout: 150ms }
            """);
        var (runner, recorder) = Runner(plan);

        Assert.True(await runner.RunIterationAsync(new VirtualUser(0), 0, Stopwatch.GetTimestamp(), CancellationToken.None));

        release.Release();
        Assert.Equal("ws_timeout", Assert.Single(runner.Errors.Snapshot()).Kind);
        recorder.Tick(1);
        Assert.Equal(0, Trend(recorder, "ws_ping").TotalCount);
    }

    [Fact]
    public async Task Records_FeedThePlansOwnMetrics_FromWebSocketMessages()
    {
        await using var server = RawWebSocketServer.Start(async c =>
        {
            while (await c.ReadMessageAsync() is { } message)
            {
                using var json = JsonDocument.Parse(message.Payload);
                await c.SendTextAsync($$"""{"id":"{{json.RootElement.GetProperty("id").GetString()}}","cost":7}""");
            }
        });
        var plan = PlanParser.Parse(Head + "metrics: { cost: trend, replies: counter }\nscenarios:\n  - steps:\n" + """
                  - { ws: connect, path: "URL" }
                  - ws: request
                    text: '{"id": "r"}'
                    correlate: $.id
                    record: [{ metric: cost, value: "${cost}" }, { metric: replies }]
                    extract: [{ var: cost, json: $.cost }]
                  - { ws: stream, text: '{"id": "${uuid}"}', correlate: $.id, rate: 100/s, count: 3, record: [{ metric: replies }] }
            """.Replace("URL", server.Address + "ws", StringComparison.Ordinal), "p.yaml");
        var (runner, recorder) = Runner(plan);

        Assert.True(await runner.RunIterationAsync(new VirtualUser(0), 0, Stopwatch.GetTimestamp(), CancellationToken.None));

        recorder.Tick(1);
        Assert.Empty(runner.Errors.Snapshot());
        Assert.Equal(4, Counter(recorder, "replies"));
        Assert.Equal(7_000, Trend(recorder, "cost").Max);
    }

    [Fact]
    public async Task Receive_ServerPingsDuringALongWait_AreAnsweredAndTheWaitGoesOn()
    {
        await using var server = RawWebSocketServer.Start(async c =>
        {
            for (var i = 0; i < 5; i++)
            {
                await c.PingAsync();
                await Task.Delay(30);
            }

            await c.SendTextAsync("""{"type":"done"}""");
            await c.ReadMessageAsync();
        });
        var plan = Plan(server, """
                  - { ws: connect, path: "URL" }
                  - { ws: receive, match: { json: $.type, equals: done }, timeout: 5s }
                  - { ws: close }
            """);
        var (runner, recorder) = Runner(plan);

        Assert.True(await runner.RunIterationAsync(new VirtualUser(0), 0, Stopwatch.GetTimestamp(), CancellationToken.None));

        Assert.Empty(runner.Errors.Snapshot());
        Assert.Equal(5, Assert.Single(server.Accepted).Pongs);
        Assert.Equal(1, Counter(recorder, "ws_msgs_received"));
        Assert.Equal(0, Counter(recorder, "ws_msgs_unmatched"));
    }

    [Fact]
    public async Task Stream_ForADuration_WithoutCorrelate_SendsEveryScheduledMessage()
    {
        await using var server = RawWebSocketServer.Start(async c =>
        {
            while (await c.ReadMessageAsync() is not null)
            {
            }
        });
        var plan = Plan(server, """
                  - { ws: connect, path: "URL" }
                  - { ws: stream, name: typing, text: 'key ${random(0,9)}', rate: 100/s, duration: 150ms }
                  - { ws: close }
            """);
        var (runner, recorder) = Runner(plan);
        var started = Stopwatch.GetTimestamp();

        Assert.True(await runner.RunIterationAsync(new VirtualUser(0), 0, Stopwatch.GetTimestamp(), CancellationToken.None));

        Assert.Empty(runner.Errors.Snapshot());
        Assert.Equal(15, server.Received);
        Assert.Equal(15, Counter(recorder, "ws_msgs_sent{step:typing}"));
        Assert.True(Stopwatch.GetElapsedTime(started) >= TimeSpan.FromMilliseconds(140), "the 15th message is due 140 ms in");
    }

    [Fact]
    public async Task Ping_AgainstDotNetsServerWebSocket_IsAnsweredToo()
    {
        await using var server = await TestWebSocketServer.StartAsync(new WebSocketBehaviour());
        var plan = PlanParser.Parse(Head + "scenarios:\n  - steps:\n" + """
                  - { ws: connect, path: "URL" }
                  - { ws: ping, timeout: 5s }
                  - { ws: request, text: '{"id": 1}', correlate: $.id, timeout: 5s }
            """.Replace("URL", server.Address + "ws", StringComparison.Ordinal), "p.yaml");
        var (runner, recorder) = Runner(plan);

        Assert.True(await runner.RunIterationAsync(new VirtualUser(0), 0, Stopwatch.GetTimestamp(), CancellationToken.None));

        recorder.Tick(1);
        Assert.Empty(runner.Errors.Snapshot());
        Assert.Equal(1, Trend(recorder, "ws_ping").TotalCount);
        Assert.Equal(1, server.Received);
        Assert.Equal(server.Sent, Counter(recorder, "ws_msgs_received"));
    }

    [Fact]
    public async Task Ping_OverWss_IsTimedBeneathTheTls_AndMessagesStillFlow()
    {
        // The pong is watched in the plaintext under TLS: a ping and a request on the same wss:// socket both work.
        using var key = System.Security.Cryptography.RSA.Create(2048);
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=127.0.0.1", key, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        using var certificate = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12(created.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pfx), null);
        await using var server = await TestWebSocketServer.StartAsync(new WebSocketBehaviour { Tls = certificate });
        Assert.Equal("wss", server.Address.Scheme);
        var plan = PlanParser.Parse(Head + "scenarios:\n  - steps:\n" + """
                  - { ws: connect, path: "URL" }
                  - { ws: ping, timeout: 5s }
                  - { ws: request, text: '{"id": 1}', correlate: $.id, timeout: 5s }
                  - { ws: ping, timeout: 5s }
            """.Replace("URL", server.Address + "ws", StringComparison.Ordinal), "p.yaml");
        var recorder = new RunRecorder([], ScenarioSteps.CheckNames(plan.Scenarios), plan.CustomMetrics, ScenarioSteps.GroupNames(plan.Scenarios));
        var runner = new FlowRunner(plan.Scenarios, new NoHttp(), recorder, () => true) { SkipCertificateValidation = true };

        Assert.True(await runner.RunIterationAsync(new VirtualUser(0), 0, Stopwatch.GetTimestamp(), CancellationToken.None));

        recorder.Tick(1);
        Assert.Empty(runner.Errors.Snapshot());
        Assert.Equal(2, Trend(recorder, "ws_ping").TotalCount);
        Assert.Equal(1, Trend(recorder, "ws_msg_rtt").TotalCount);
        Assert.Equal(1, server.Received);
    }

    [Fact]
    public async Task Stream_RepeatedCorrelationValueInFlight_IsAnErrorNamingIt()
    {
        await using var server = RawWebSocketServer.Start(async c =>
        {
            while (await c.ReadMessageAsync() is not null)
            {
            }
        });
        var plan = Plan(server, """
                  - { ws: connect, path: "URL" }
                  - { ws: stream, text: '{"id": "same"}', correlate: $.id, rate: 100/s, count: 3, timeout: 300ms }
            """);
        var (runner, recorder) = Runner(plan);

        Assert.True(await runner.RunIterationAsync(new VirtualUser(0), 0, Stopwatch.GetTimestamp(), CancellationToken.None));

        var errors = runner.Errors.Snapshot();
        Assert.Contains(errors, e => e.Kind == "correlate" && e.FirstMessage.Contains("'same'", StringComparison.Ordinal));
        Assert.Equal(1, server.Received);
    }

    private static LoadPlan Plan(RawWebSocketServer server, string steps) =>
        PlanParser.Parse(Head + "scenarios:\n  - steps:\n" + steps.Replace("URL", server.Address + "ws", StringComparison.Ordinal), "p.yaml");

    private static (FlowRunner Runner, RunRecorder Recorder) Runner(LoadPlan plan, IStepClock? clock = null, Action<long>? lag = null)
    {
        var recorder = new RunRecorder([.. plan.Requests.Select(r => r.Name)], ScenarioSteps.CheckNames(plan.Scenarios), plan.CustomMetrics, ScenarioSteps.GroupNames(plan.Scenarios));
        return (new FlowRunner(plan.Scenarios, new NoHttp(), recorder, () => true, clock) { RecordLag = lag }, recorder);
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
