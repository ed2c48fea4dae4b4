using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Pacer.Core.Tests.TestServers;

namespace Pacer.Cli.Tests.Reliability;

/// <summary>
/// Hostile input that tries to turn data into something else (issue 13, classes 5, 6, 8 and the catastrophic regex of 1):
/// CR/LF/NUL in request heads, unsolicited bytes from a server, terminal escapes and Markdown in names and server messages,
/// and a regular expression that backtracks for ever. Each row is an input, the exit code and a fragment of the message.
/// </summary>
public sealed class InjectionReliabilityTests
{
    private const string Smuggle = @"abc\r\nX-Injected: 1\r\n\r\nGET /smuggled HTTP/1.1\r\nHost: x\r\n\r\n";

    /// <summary>Plans whose literal text would put CR, LF or NUL on the wire: refused at load, with the place.</summary>
    public static TheoryData<string, string, string> InjectedPlans => new()
    {
        // (plan text, place, message fragment) — places are line:column in the plan.
        { "target: http://127.0.0.1:1\nrequests:\n  - path: /\n    headers: { Authorization: \"Bearer abc\\r\\nX-Injected: 1\" }\n", ":4:31:", @"header 'Authorization' contains a carriage return (\r)" },
        { "target: http://127.0.0.1:1\nrequests:\n  - path: /\n    headers: { \"X-A\\n\": v }\n", ":4:16:", @"'X-A\n' is not a valid header name" },
        { "target: http://127.0.0.1:1\nrequests:\n  - path: /\n    method: \"GET\\n\"\n", ":4:13:", "is not an HTTP method" },
        { "target: http://127.0.0.1:1\nrequests:\n  - path: \"/a\\r\\nGET /smuggled\"\n", ":3:11:", @"path contains a carriage return (\r)" },
        { "target: http://127.0.0.1:1\ndefaults:\n  headers: { X-Token: \"a\\0b\" }\nrequests:\n  - path: /\n", ":3:23:", @"header 'X-Token' contains a NUL (\0) at position 1" },
        { "target: http://127.0.0.1:1\nscenarios:\n  - steps:\n      - { path: /, headers: { X-A: \"1\\n2\" } }\n", ":4:36:", @"header 'X-A' contains a line feed (\n)" },
        { "target: http://127.0.0.1:1\nscenarios:\n  - steps:\n      - { path: \"/x\\ny\" }\n", ":4:17:", @"path contains a line feed (\n)" },
        { "target: http://127.0.0.1:1\nscenarios:\n  - steps:\n      - { path: /, query: { q: \"a\\r\\nb\" } }\n", ":4:32:", @"query parameter 'q' contains a carriage return (\r)" },
    };

    [Theory]
    [MemberData(nameof(InjectedPlans))]
    public async Task Run_PlanWithControlCharacterInRequestHead_Exits2WithThePlace(string planText, string place, string fragment)
    {
        var plan = CliRunner.TempFile("inject.yaml");
        await File.WriteAllTextAsync(plan, planText + "load: { model: closed, vus: 1, duration: 1s }\n");
        try
        {
            var (exit, _, error) = await CliRunner.RunAsync("run", plan, "--out", CliRunner.TempFile("never.json"), "-q");

            Assert.Equal(2, exit);
            Assert.Contains(plan + place, error, StringComparison.Ordinal);
            Assert.Contains(fragment, error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(plan);
        }
    }

    /// <summary>A token extracted from a server's JSON carries CRLF and a smuggled request: a script error, never sent.</summary>
    [Theory]
    [InlineData("lean")]
    [InlineData("socket")]
    [InlineData("httpclient")]
    public async Task Run_ExtractedTokenWithCrLf_IsAScriptErrorAndNeverSent(string transport)
    {
        var heads = new ConcurrentQueue<string>();
        var login = Ok($"{{\"token\":\"{Smuggle}\"}}");
        using var server = new RecordingServer(heads, request => request.StartsWith("POST /login", StringComparison.Ordinal) ? login : Ok("fine"));
        var planText = $$"""
            target: {{server.BaseAddress}}
            scenarios:
              - steps:
                  - { name: login, method: POST, path: /login, extract: [{ var: token, json: $.token }] }
                  - { name: orders, path: /orders, headers: { Authorization: "Bearer ${token}" } }
            load: { model: closed, vus: 1, duration: 1s, graceful_stop: 1s }
            """;

        var (exit, text, result) = await RunAsync(planText, transport);

        Assert.Equal(0, exit);
        Assert.DoesNotContain(heads, h => h.Contains("X-Injected", StringComparison.Ordinal) || h.Contains("/smuggled", StringComparison.Ordinal) || h.StartsWith("GET /orders", StringComparison.Ordinal));
        var error = result.GetProperty("script_errors").EnumerateArray().Single(e => e.GetProperty("kind").GetString() == "header");
        Assert.Equal("orders", error.GetProperty("step").GetString());
        Assert.Contains(@"header 'Authorization' rendered with a carriage return (\r)", error.GetProperty("first_message").GetString(), StringComparison.Ordinal);
        Assert.Equal(heads.Count(h => h.StartsWith("POST /login", StringComparison.Ordinal)), error.GetProperty("count").GetInt64());
        Assert.Contains("header", text, StringComparison.Ordinal);
    }

    /// <summary>A data row whose value holds a line feed: the same script error, counted per use, never sent.</summary>
    [Fact]
    public async Task Run_DataRowWithLineFeedInHeader_IsAScriptErrorAndNeverSent()
    {
        var heads = new ConcurrentQueue<string>();
        using var server = new RecordingServer(heads, _ => Ok("fine"));
        var data = CliRunner.TempFile("rows.csv");
        await File.WriteAllTextAsync(data, "user\n\"alice\nX-Injected: 1\"\nbob\n");
        try
        {
            var planText = $$"""
                target: {{server.BaseAddress}}
                scenarios:
                  - data: { file: {{data}}, order: sequential }
                    steps:
                      - { name: me, path: /me, headers: { X-User: "${data.user}" } }
                load: { model: closed, vus: 1, duration: 1s, graceful_stop: 1s }
                """;

            var (exit, _, result) = await RunAsync(planText, "lean");

            Assert.Equal(0, exit);
            Assert.DoesNotContain(heads, h => h.Contains("X-Injected", StringComparison.Ordinal));
            Assert.Contains(heads, h => h.Contains("X-User: bob", StringComparison.Ordinal));
            var error = result.GetProperty("script_errors").EnumerateArray().Single(e => e.GetProperty("kind").GetString() == "header");
            Assert.Contains(@"a line feed (\n) at byte 5", error.GetProperty("first_message").GetString(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(data);
        }
    }

    /// <summary>
    /// Checks and extractions on <c>'a'×40 + '!'</c>: the linear engine answers <c>^(a+)+$</c> at once; a pattern that needs
    /// backtracking hits its 1 s limit, which is a script error of the step naming the check or extraction — the run goes on
    /// and its result is written.
    /// </summary>
    [Theory]
    [InlineData("checks: [{ name: greedy, body_matches: '^(a+)+$' }]", "", 0)]
    [InlineData("checks: [{ name: greedy, body_matches: '^(?=(a+)+$)' }]", "check greedy", 1)]
    [InlineData("extract: [{ var: x, regex: '^(?=(a+)+$)(a+)' }]", "extract x", 1)]
    public async Task Run_CatastrophicRegex_IsAScriptErrorAndTheRunEnds(string stepTail, string kind, int expectedKinds)
    {
        var heads = new ConcurrentQueue<string>();
        using var server = new RecordingServer(heads, _ => Ok(new string('a', 40) + "!"));
        var planText = $$"""
            target: {{server.BaseAddress}}
            scenarios:
              - steps:
                  - { name: page, path: /, {{stepTail}} }
            load: { model: closed, vus: 1, duration: 1s, graceful_stop: 3s }
            """;

        var (exit, _, result) = await RunAsync(planText, "lean");

        Assert.Equal(0, exit);
        var errors = result.GetProperty("script_errors").EnumerateArray().ToList();
        Assert.Equal(expectedKinds, errors.Count);
        if (expectedKinds > 0)
        {
            Assert.Equal(kind, errors[0].GetProperty("kind").GetString());
            Assert.Contains("ran longer than its 1 s limit on a 41-byte body", errors[0].GetProperty("first_message").GetString(), StringComparison.Ordinal);
        }

        Assert.True(result.GetProperty("metrics").GetProperty("http_reqs").GetProperty("count").GetInt64() > 0);
    }

    /// <summary>
    /// Escape sequences from a server's status line and a plan's names reach the console as visible escapes, never raw; a
    /// name that is HTML reaches Markdown escaped.
    /// </summary>
    [Fact]
    public async Task Run_EscapesInStatusLineAndNames_AreShownEscapedOnConsoleAndInMarkdown()
    {
        var heads = new ConcurrentQueue<string>();
        var hostile = Encoding.ASCII.GetBytes("HTTP/1.1 500 \u001b]0;pwned\u0007\u001b[31mred\r\nContent-Length: 0\r\n\r\n");
        using var server = new RecordingServer(heads, _ => hostile);
        var planText = $$"""
            name: "plan \e[2J"
            target: {{server.BaseAddress}}
            scenarios:
              - steps:
                  - { name: "<img src=x onerror=alert(1)><!--\e]0;t\a", path: /, checks: [{ name: "ok \e[31m|", status: 200 }] }
            load: { model: closed, vus: 1, duration: 1s, graceful_stop: 1s }
            """;
        var md = CliRunner.TempFile("inject.md");

        var (_, text, _) = await RunAsync(planText, "lean", "--md", md);

        try
        {
            Assert.DoesNotContain('\u001b', text);
            Assert.DoesNotContain('\u0007', text);
            Assert.Contains(@"plan \x1b[2J", text, StringComparison.Ordinal);
            Assert.Contains(@"\x1b]0;t\x07", text, StringComparison.Ordinal);
            var markdown = await File.ReadAllTextAsync(md);
            Assert.DoesNotContain('\u001b', markdown);
            Assert.DoesNotMatch(@"(?<!\\)<(img|!--)", markdown);
            Assert.Contains(@"\<img src=x onerror=alert(1)\>\<!--\\x1b\]0;t\\x07", markdown, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(md);
        }
    }

    /// <summary>
    /// A server that, after answering a request with 503, sends an unsolicited 200 while the connection is idle: the next
    /// request must not take it as its answer, on any transport (the idle connection is closed, the request goes on a fresh
    /// one), so every request is recorded as the 503 the server really gave it. The lean transports, which see such bytes,
    /// say so in the run's warnings; HttpClient's pool drops the connection without telling.
    /// </summary>
    [Theory]
    [InlineData("lean")]
    [InlineData("socket")]
    [InlineData("httpclient")]
    public async Task Run_UnsolicitedResponseOnIdleConnection_IsNeverCountedAsAnAnswer(string transport)
    {
        var heads = new ConcurrentQueue<string>();
        var unavailable = Encoding.ASCII.GetBytes("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 4\r\n\r\nbusy");
        var unsolicited = Ok("stale");
        using var server = new RecordingServer(heads, _ => unavailable, head => head.StartsWith("GET /first", StringComparison.Ordinal) ? unsolicited : null);
        var planText = $$"""
            target: {{server.BaseAddress}}
            scenarios:
              - steps:
                  - { name: first, path: /first }
                  - think: 500ms
                  - { name: second, path: /second, checks: [{ name: real answer, status: 503 }] }
            load: { model: closed, vus: 1, duration: 1s, graceful_stop: 2s }
            """;

        var (_, text, result) = await RunAsync(planText, transport);

        var statuses = result.GetProperty("statuses").EnumerateArray().ToDictionary(s => s.GetProperty("status").GetInt32(), s => s.GetProperty("count").GetInt64());
        Assert.False(statuses.ContainsKey(200), text);
        Assert.Equal(heads.Count, statuses[503]);
        var check = result.GetProperty("checks").EnumerateArray().Single();
        Assert.Equal(0, check.GetProperty("fails").GetInt64());
        Assert.True(check.GetProperty("passes").GetInt64() >= 1);
        var warnings = result.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()!).ToList();
        var stray = warnings.Where(w => w.StartsWith("the server sent bytes no request asked for on ", StringComparison.Ordinal)).ToList();
        Assert.Equal(transport == "httpclient" ? 0 : 1, stray.Count);
        var counted = result.GetProperty("generator").TryGetProperty("connections_with_stray_bytes", out var strayConnections);
        Assert.Equal(transport != "httpclient", counted);
        Assert.True(!counted || strayConnections.GetInt64() >= 1, text);
    }

    /// <summary>
    /// A server that writes a 200 on every connection the moment it accepts it, then answers every real request 503: no request
    /// may be recorded as that 200. Bytes that have arrived when a new connection's request is written are refused (the
    /// transports peek first), but these usually arrive just after the write, and then nothing the client can see tells them
    /// from a fast answer: only the TCP acknowledgement number of the segment that carried them (which does not cover the
    /// request) shows they were sent before the request arrived, and no socket API exposes it. See docs/limits.md.
    /// </summary>
    [Theory(Skip = "Open, issue 13 defect 6: a server that speaks first, just after the client's write, is still taken as the answer. Unskipped, it fails on lean, socket and httpclient (2 of 2 runs each; measured again 2026-12-05 16:00 at load average 46: of the new connections whose greeting was seen, the peek before the first write caught lean 4 of 39 and 0 of 9, socket 27 of 33 and 36 of 41, httpclient 204 of 219 and 108 of 113 - the lean loop writes within microseconds of the connect, before the server has even accepted); with a Python server greeting on accept, 2 users for 2 s: lean recorded 6 of 6 new connections as 200, httpclient 5 of 20 (15 refused as protocol). Kernel receive timestamps (SO_TIMESTAMPING, software RX, compared with CLOCK_REALTIME taken right after the write) do not tell them apart either: in 184 of 184 loopback connections that got past the peek, the greeting's arrival stamp was 11 µs to 11 ms after the write had returned, because the server is woken by accept after the client is woken by connect, so the greeting is sent after the request is already in the server's socket, exactly like a fast answer.")]
    [InlineData("lean")]
    [InlineData("socket")]
    [InlineData("httpclient")]
    public async Task Run_ServerSpeakingFirstOnEveryNewConnection_IsNeverCountedAsAnAnswer(string transport)
    {
        var (text, result) = await RunAgainstGreetingServerAsync(transport, "{ model: closed, vus: 2, duration: 1s, graceful_stop: 2s }");

        var statuses = result.GetProperty("statuses").EnumerateArray().ToDictionary(s => s.GetProperty("status").GetInt32(), s => s.GetProperty("count").GetInt64());
        Assert.False(statuses.ContainsKey(200), text);
    }

    /// <summary>
    /// The same greeting server: what cannot be refused is flagged. A greeting taken as an answer leaves its connection one
    /// answer ahead, which shows as soon as an answer arrives with no request outstanding (after a complete response, or on
    /// the idle connection); the lean transports count those connections, and the run's warnings say the server answered
    /// out of turn.
    /// </summary>
    [Theory]
    [InlineData("lean")]
    [InlineData("socket")]
    public async Task Run_ServerSpeakingFirstOnEveryNewConnection_IsFlaggedInTheWarnings(string transport)
    {
        // 200 arrivals a second, not two users flat out: the flag needs connections, not CPU, and this shares the machine with the truth suite.
        var (text, result) = await RunAgainstGreetingServerAsync(transport, "{ model: open, rate: 200, duration: 1s, graceful_stop: 2s }");

        var warnings = result.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()!).ToList();
        Assert.True(warnings.Any(w => w.StartsWith("the server sent bytes no request asked for on ", StringComparison.Ordinal)), text);
    }

    /// <summary>A run of <paramref name="load"/> against a server that writes a 200 on every connection it accepts and answers every request 503.</summary>
    private static async Task<(string Text, JsonElement Result)> RunAgainstGreetingServerAsync(string transport, string load)
    {
        var heads = new ConcurrentQueue<string>();
        var unavailable = Encoding.ASCII.GetBytes("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 4\r\n\r\nbusy");
        using var server = new RecordingServer(heads, _ => unavailable, greeting: Ok("first"));
        var planText = $$"""
            target: {{server.BaseAddress}}
            requests:
              - { path: / }
            load: {{load}}
            """;

        var (_, text, result) = await RunAsync(planText, transport);
        return (text, result);
    }

    private static byte[] Ok(string body) =>
        Encoding.UTF8.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\n\r\n{body}");

    private static async Task<(int Exit, string Text, JsonElement Result)> RunAsync(string planText, string transport, params string[] extra)
    {
        var plan = CliRunner.TempFile("inject.yaml");
        var output = CliRunner.TempFile("inject.json");
        await File.WriteAllTextAsync(plan, planText);
        try
        {
            var (exit, text, error) = await CliRunner.RunAsync(["run", plan, "--out", output, "--transport", transport, "-q", .. extra]);
            Assert.True(File.Exists(output), $"no result written (exit {exit}): {error}");
            return (exit, text + error, CliRunner.ReadResult(output));
        }
        finally
        {
            File.Delete(plan);
            File.Delete(output);
        }
    }
}
