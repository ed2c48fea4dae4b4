using Pacer.Core.Plans;
using Pacer.Core.Plans.Scenarios;

namespace Pacer.Core.Tests.Plans;

/// <summary>WebSocket steps as the plan reads them: each action's keys, its defaults, and every mistake at file:line:column with a hint.</summary>
public sealed class SocketStepSectionTests
{
    private const string Head = "target: http://127.0.0.1:8080/\nload: {model: closed, vus: 1, duration: 1s}\nscenarios:\n  - steps:\n";

    [Fact]
    public void Parse_SeedJourney_ReadsEachActionWithItsSettings()
    {
        var plan = PlanParser.Parse(Head + """
                  - { ws: connect, socket: term, path: "/sessions/${sid}/ws", headers: { Authorization: "Bearer ${token}" }, subprotocols: [tty], timeout: 3s, scope: vu }
                  - { ws: send, socket: term, text: { id: "${iter}", command: ls } }
                  - { ws: receive, socket: term, match: { json: $.type, equals: output }, extract: [{ var: out, json: $.output }] }
                  - { ws: request, socket: term, text: '{"id": "${iter}"}', correlate: $.id, timeout: 2s, checks: [{ json: $.exit, equals: "0" }] }
                  - { ws: close, socket: term, code: 4000, reason: done }
            """, "p.yaml");

        var steps = plan.Scenarios[0].Steps;
        var connect = Assert.IsType<SocketConnectStep>(steps[0]);
        Assert.Equal("ws://127.0.0.1:8080/sessions/${sid}/ws", connect.Url.Text);
        Assert.Equal(("Authorization", "Bearer ${token}"), (connect.Headers[0].Name, connect.Headers[0].Value.Text));
        Assert.Equal(["tty"], connect.Subprotocols);
        Assert.True(connect.UserScope);
        Assert.Equal(TimeSpan.FromSeconds(3), connect.Timeout);
        Assert.Equal("""{"id":"${iter}","command":"ls"}""", Assert.IsType<SocketSendStep>(steps[1]).Payload.Text);
        Assert.NotNull(Assert.IsType<SocketReceiveStep>(steps[2]).Match);
        Assert.Single(((SocketStep)steps[2]).Extractions);
        Assert.Equal("$.id", Assert.IsType<SocketRequestStep>(steps[3]).CorrelateText);
        Assert.Equal((4000, "done"), (Assert.IsType<SocketCloseStep>(steps[4]).Code, ((SocketCloseStep)steps[4]).Reason));
        Assert.Equal("ws close term", ((SocketStep)steps[4]).Name);
        Assert.Equal([.. KnownMetrics.WebSocket.Keys], plan.CustomMetrics.Select(m => m.Name).Take(KnownMetrics.WebSocket.Count));
    }

    [Fact]
    public void Parse_HttpsTarget_ConnectsOverWss()
    {
        var plan = PlanParser.Parse(Head.Replace("http://127.0.0.1:8080/", "https://example.test/", StringComparison.Ordinal) + "      - { ws: connect, path: /ws }\n", "p.yaml");

        Assert.Equal("wss://example.test/ws", ((SocketConnectStep)plan.Scenarios[0].Steps[0]).Url.Text);
    }

    [Fact]
    public void Parse_PlanWithoutWebSocketSteps_HasNoWsMetrics_AndRefusesThresholdsOnThem()
    {
        var error = Assert.Throws<PlanException>(() => PlanParser.Parse(Head + "      - { path: /health }\nthresholds:\n  ws_msg_rtt: [\"p(95)<25\"]\n", "p.yaml"));

        Assert.Contains(error.Errors, e => e.Message.Contains("ws_msg_rtt", StringComparison.Ordinal));
    }

    public static TheoryData<string, string, int, int> Mistakes => new()
    {
        { "      - { ws: conect, path: /ws }\n", "unknown WebSocket step 'ws: conect'", 1, 15 },
        { "      - { ws: connect, path: /ws, timout: 1s }\n", "unknown key 'timout' in a ws: connect step", 1, 35 },
        { "      - { ws: connect }\n", "a ws: connect step has no 'path'", 1, 9 },
        { "      - { ws: connect, path: http://h/ws }\n", "a WebSocket connects to ws:// or wss://", 1, 30 },
        { "      - { ws: connect, path: /ws, scope: user }\n", "unknown scope 'user'", 1, 42 },
        { "      - { ws: send, text: a, binary: AA== }\n", "a ws: send step has both text and binary", 1, 9 },
        { "      - { ws: send }\n", "a ws: send step has no message", 1, 9 },
        { "      - { ws: send, binary: 'not base64!' }\n", "binary is not base64", 1, 29 },
        { "      - { ws: send, text: '${unclosed' }\n", "text:", 1, 28 },
        { "      - { ws: request, text: '{}' }\n", "a ws: request step has no 'correlate'", 1, 9 },
        { "      - { ws: request, text: '{}', correlate: 'id' }\n", "a path starts with '$'", 1, 48 },
        { "      - { ws: receive, match: { contains: a, regex: b } }\n", "match needs exactly one of contains, regex, json", 1, 31 },
        { "      - { ws: receive, match: { regex: '(' } }\n", "is not a valid regular expression", 1, 40 },
        { "      - { ws: receive, checks: [{ status: 200 }] }\n", "reads a status, and a WebSocket message has none", 1, 32 },
        { "      - { ws: receive, extract: [{ var: t, header: X }] }\n", "reads a header, and a WebSocket message has none", 1, 33 },
        { "      - { ws: close, code: 1006 }\n", "close code 1006 cannot be sent", 1, 28 },
        { "      - { ws: send, text: hi, path: /x }\n", "unknown key 'path' in a ws: send step", 1, 31 },
        { "      - { ws: stream, text: x, count: 3 }\n", "a ws: stream step has no 'rate'", 1, 9 },
        { "      - { ws: stream, text: x, rate: fast, count: 3 }\n", "rate 'fast' is not a positive number", 1, 38 },
        { "      - { ws: stream, text: x, rate: 10/s, count: 3, duration: 1s }\n", "a ws: stream step has both duration and count", 1, 9 },
        { "      - { ws: stream, text: x, rate: 10/s }\n", "a ws: stream step has neither duration nor count", 1, 9 },
        { "      - { ws: stream, text: x, rate: 10/s, count: 0 }\n", "count must be at least 1", 1, 51 },
        { "      - { ws: stream, text: x, rate: 1/s, duration: 1h, count: 1 }\n", "has both duration and count", 1, 9 },
        { "      - { ws: stream, text: x, rate: 100000/s, duration: 2h }\n", "more than 10,000,000", 1, 58 },
        { "      - { ws: stream, text: '{}', rate: 10/s, count: 1, extract: [{ var: a, json: $.a }] }\n", "a ws: stream step cannot extract", 1, 66 },
        { "      - { ws: stream, binary: AA==, correlate: $.id, rate: 10/s, count: 1 }\n", "correlates replies by a JSON field sends text", 1, 48 },
        { "      - { ws: hold }\n", "a ws: hold step has no 'duration'", 1, 9 },
        { "      - { ws: hold, duration: 1s, timeout: 2s }\n", "unknown key 'timeout' in a ws: hold step", 1, 35 },
        { "      - { ws: ping, text: x }\n", "unknown key 'text' in a ws: ping step", 1, 21 },
        { "      - { ws: send, binary_file: nope.bin }\n", "cannot read binary_file 'nope.bin'", 1, 34 },
        { "      - { ws: send, text: a, text_file: b.txt, binary: AA== }\n", "has text, binary, text_file; give one", 1, 9 },
        { "      - { ws: ping, name: 'beat{1}' }\n", "a ws step's name cannot hold", 1, 27 },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public void Parse_Mistake_IsReportedAtItsPlaceWithAHint(string body, string message, int line, int column)
    {
        var error = Assert.Throws<PlanException>(() => PlanParser.Parse(Head + body, "p.yaml"));

        var match = error.Errors.FirstOrDefault(e => e.Message.Contains(message, StringComparison.Ordinal));
        Assert.True(match is not null, $"no error mentions '{message}': {string.Join(" | ", error.Errors.Select(e => $"{e.Line}:{e.Column} {e.Message}"))}");
        Assert.Equal((line + 4, column), (match.Line, match.Column));
    }

    [Fact]
    public void Parse_UnknownKey_SuggestsTheNearestKnownOne()
    {
        var error = Assert.Throws<PlanException>(() => PlanParser.Parse(Head + "      - { ws: request, text: '{}', corelate: $.id }\n", "p.yaml"));

        Assert.Contains(error.Errors, e => e.Message.Contains("unknown key 'corelate'", StringComparison.Ordinal) && e.Hint == "did you mean 'correlate'?");
    }

    [Fact]
    public void Parse_PlanMetricNamedLikeAWsMetric_IsRefused()
    {
        var error = Assert.Throws<PlanException>(() => PlanParser.Parse("metrics: { ws_sessions: counter }\n" + Head + "      - { path: /x }\n", "p.yaml"));

        Assert.Contains(error.Errors, e => e.Message == "'ws_sessions' is a built-in metric" && e.Line == 1);
    }

    [Fact]
    public void Parse_StreamHoldPing_ReadTheirSettings_AndEachStepGetsItsOwnMetrics()
    {
        var plan = PlanParser.Parse(Head + """
                  - { ws: connect, name: open }
                  - { ws: stream, name: run command, text: '{"id": "${uuid}"}', correlate: $.id, rate: 600/m, duration: 2s, timeout: 1s }
                  - { ws: stream, name: typing, binary: AAE=, rate: 2.5, count: 7 }
                  - { ws: hold, name: room, duration: 1500ms, match: { contains: tick } }
                  - { ws: ping, name: beat }
            """.Replace("{ ws: connect, name: open }", "{ ws: connect, name: open, path: /ws }", StringComparison.Ordinal) + "\nthresholds:\n  ws_msg_rtt{step:run command}: [\"p(95)<25\"]\n  ws_ping{step:beat}: [\"max<100\"]\n", "p.yaml");

        var steps = plan.Scenarios[0].Steps;
        var stream = Assert.IsType<SocketStreamStep>(steps[1]);
        Assert.Equal((10.0, TimeSpan.FromSeconds(2), 20L, "$.id"), (stream.Rate, stream.Duration!.Value, stream.Messages, stream.CorrelateText));
        var typing = Assert.IsType<SocketStreamStep>(steps[2]);
        Assert.Equal((2.5, 7L, true), (typing.Rate, typing.Messages, typing.Binary));
        Assert.Null(typing.Correlate);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), Assert.IsType<SocketHoldStep>(steps[3]).Duration);
        Assert.IsType<SocketPingStep>(steps[4]);
        var names = plan.CustomMetrics.Select(m => m.Name).ToList();
        Assert.Contains("ws_msg_rtt{step:run command}", names);
        Assert.DoesNotContain("ws_msg_rtt{step:typing}", names);
        Assert.Contains("ws_msgs_sent{step:typing}", names);
        Assert.Contains("ws_msg_interval{step:room}", names);
        Assert.Contains("ws_ping{step:beat}", names);
        Assert.Contains("ws_time_to_first_msg{step:open}", names);
        Assert.Equal(2, plan.Thresholds.Count);
    }

    [Fact]
    public void Parse_ThresholdOnAStepThatDoesNotRecordIt_NamesTheStepsThatDo()
    {
        var error = Assert.Throws<PlanException>(() => PlanParser.Parse(Head + """
                  - { ws: connect, path: /ws }
                  - { ws: request, name: run command, text: '{}', correlate: $.id }
            """ + "\nthresholds:\n  ws_msg_rtt{step:run comand}: [\"p(95)<25\"]\n  http_req_duration{step:x}: [\"p(95)<25\"]\n", "p.yaml"));

        Assert.Contains(error.Errors, e => e.Message == "no ws step named 'run comand' records ws_msg_rtt" && e.Hint == "did you mean 'run command'?");
        Assert.Contains(error.Errors, e => e.Message.StartsWith("the step tag applies to the ws_* metrics only", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("ws_msg_rtt{name:run command}")]
    [InlineData("ws_msg_rtt{step:run command,status:200}")]
    public void Parse_WsMetricWithAnotherTag_IsRefused_AsItWouldJudgeTheTotal(string key)
    {
        var error = Assert.Throws<PlanException>(() => PlanParser.Parse(Head + """
                  - { ws: connect, path: /ws }
                  - { ws: request, name: run command, text: '{}', correlate: $.id }
            """ + $"\nthresholds:\n  \"{key}\": [\"p(95)<25\"]\n", "p.yaml"));

        Assert.Contains(error.Errors, e => e.Message.StartsWith("ws_msg_rtt takes one tag, step", StringComparison.Ordinal) && e.Hint == "e.g. ws_msg_rtt{step:run command} (a ws step's name)");
    }

    [Fact]
    public void Parse_TextFileAndBinaryFile_AreReadRelativeToThePlan()
    {
        var dir = Directory.CreateTempSubdirectory("pacer-ws-plan-");
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, "cmd.json"), "{\"id\": \"${iter}\"}");
            File.WriteAllBytes(Path.Combine(dir.FullName, "frame.bin"), [0, 1, 2, 255]);
            var plan = PlanParser.Parse(Head + """
                      - { ws: send, text_file: cmd.json }
                      - { ws: send, binary_file: frame.bin }
                """, Path.Combine(dir.FullName, "p.yaml"));

            Assert.Equal("{\"id\": \"${iter}\"}", Assert.IsType<SocketSendStep>(plan.Scenarios[0].Steps[0]).Payload.Text);
            var binary = Assert.IsType<SocketSendStep>(plan.Scenarios[0].Steps[1]);
            Assert.True(binary.Binary);
            Assert.Equal(Convert.ToBase64String([0, 1, 2, 255]), binary.Payload.Text);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Parse_RecordOnAnHttpStepOfAPlanWithWsSteps_FeedsItsOwnMetric()
    {
        // The ws metrics come after the plan's own, so a record: entry's place is the metric it names.
        var plan = PlanParser.Parse("metrics: { logins: counter }\n" + Head + """
                  - { path: /login, record: [{ metric: logins }] }
                  - { ws: connect, path: /ws }
            """, "p.yaml");

        var record = Assert.Single(((RequestStep)plan.Scenarios[0].Steps[0]).Records);
        Assert.Equal("logins", plan.CustomMetrics[record.MetricIndex].Name);
    }
}
