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
}
