using Pacer.DemoTarget;

namespace Pacer.Cli.Tests;

public sealed class ScenarioRunTests
{
    [Fact]
    public async Task Run_SessionJourneyAtThousandIterationsPerSecond_EveryCorrectnessCheckPasses()
    {
        // The example journey (login → create → command → list) as an open-model test at 1,000 journeys/s for 3 s.
        await using var target = await DemoTargetHost.StartAsync(new DemoTargetOptions());
        var example = await File.ReadAllTextAsync(RepoFile("examples/session-journey.yaml"));
        // Cut just after the newline that ends the journey, so its last line (the think step) is removed with its newline.
        var journey = example[..(example.IndexOf("\nload:", StringComparison.Ordinal) + 1)];
        Assert.Contains("      - think: 1s\n", journey, StringComparison.Ordinal);
        journey = WithoutWebSocketGroup(journey.Replace("      - think: 1s\n", string.Empty, StringComparison.Ordinal));
        var plan = CliRunner.TempFile("journey.yaml");
        await File.WriteAllTextAsync(plan, journey + "\nload: {model: open, rate: 1000, duration: 3s, max_connections: 400}\nthresholds:\n  \"checks{name:session created}\": [\"rate>0.99\"]\n");
        var output = CliRunner.TempFile("journey.json");

        var (exit, text, error) = await CliRunner.RunAsync("run", plan, "--target", target.BaseAddress.ToString(), "--out", output, "-q");

        Assert.True(exit == 0, error + text);
        var result = CliRunner.ReadResult(output);
        var iterations = result.GetProperty("metrics").GetProperty("iterations").GetProperty("count").GetInt64();
        Assert.InRange(iterations, 2_900, 3_000);
        Assert.Equal(iterations * 4, result.GetProperty("metrics").GetProperty("http_reqs").GetProperty("count").GetInt64());
        foreach (var check in result.GetProperty("checks").EnumerateArray())
        {
            // The seed's response-time checks are about this machine's speed under a parallel test run; the rest are correctness.
            var name = check.GetProperty("name").GetString()!;
            if (!name.Contains("time <", StringComparison.Ordinal))
            {
                Assert.True(check.GetProperty("fails").GetInt64() == 0, $"check '{name}' failed {check.GetProperty("fails").GetInt64()} times");
                Assert.Equal(iterations, check.GetProperty("passes").GetInt64());
            }
        }

        Assert.Equal(0, result.GetProperty("script_errors").GetArrayLength());

        // Scenario plans against http:// go through the lean transport: the event loops on Linux, async sockets elsewhere.
        var transport = result.GetProperty("environment").GetProperty("transport").GetString();
        Assert.StartsWith(OperatingSystem.IsLinux() ? "pacer-http1/epoll" : "pacer-http1/socket", transport, StringComparison.Ordinal);
        Assert.Contains("Session Management › command", text, StringComparison.Ordinal);
        var group = result.GetProperty("groups")[0];
        Assert.Equal("Session Management", group.GetProperty("name").GetString());
        Assert.Equal(iterations * 3, group.GetProperty("requests").GetInt64());
        Assert.True(group.GetProperty("service_time").GetProperty("p95").GetDouble() > 0);
        Assert.True(group.GetProperty("duration").GetProperty("p50").GetDouble() >= group.GetProperty("step_latency").GetProperty("p50").GetDouble());
        Assert.Contains("checks", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_ScenarioPlanWithTransportSocket_RunsTheJourneyOnThePortableLeanTransport()
    {
        // The example journey on the Socket path macOS and Windows get, chosen by name so Linux exercises it too.
        await using var target = await DemoTargetHost.StartAsync(new DemoTargetOptions());
        var example = await File.ReadAllTextAsync(RepoFile("examples/session-journey.yaml"));
        // Cut just after the newline that ends the journey, so its last line (the think step) is removed with its newline.
        var journey = example[..(example.IndexOf("\nload:", StringComparison.Ordinal) + 1)];
        Assert.Contains("      - think: 1s\n", journey, StringComparison.Ordinal);
        journey = WithoutWebSocketGroup(journey.Replace("      - think: 1s\n", string.Empty, StringComparison.Ordinal));
        var plan = CliRunner.TempFile("socket-journey.yaml");
        await File.WriteAllTextAsync(plan, journey + "load: {model: closed, vus: 4, duration: 2s}\n");
        var output = CliRunner.TempFile("socket-journey.json");

        var (exit, text, error) = await CliRunner.RunAsync("run", plan, "--target", target.BaseAddress.ToString(), "--transport", "socket", "--max-requests", "400", "--out", output, "-q");

        Assert.True(exit is 0 or 99, error + text);
        Assert.Contains("transport pacer-http1/socket", text, StringComparison.Ordinal);
        var result = CliRunner.ReadResult(output);
        Assert.Equal("pacer-http1/socket", result.GetProperty("environment").GetProperty("transport").GetString());
        var requests = result.GetProperty("metrics").GetProperty("http_reqs").GetProperty("count").GetInt64();
        Assert.InRange(requests, 4, 400);
        Assert.Equal(0, result.GetProperty("metrics").GetProperty("http_req_failed").GetProperty("rate").GetDouble());
        Assert.Equal(0, result.GetProperty("script_errors").GetArrayLength());
        foreach (var check in result.GetProperty("checks").EnumerateArray())
        {
            // Response-time checks are about this machine's speed under a parallel test run; the rest are correctness.
            var name = check.GetProperty("name").GetString()!;
            if (!name.Contains("time <", StringComparison.Ordinal))
            {
                Assert.True(check.GetProperty("fails").GetInt64() == 0, $"check '{name}' failed {check.GetProperty("fails").GetInt64()} times");
                Assert.True(check.GetProperty("passes").GetInt64() > 0, $"check '{name}' never ran");
            }
        }
    }

    [Theory]
    [InlineData("examples/session-journey.yaml")]
    [InlineData("examples/workflow-mix.yaml")]
    [InlineData("examples/session-websocket.yaml")]
    public async Task Run_ExampleScenarioPlans_RunCleanlyAgainstTheDemoTarget(string example)
    {
        await using var target = await DemoTargetHost.StartAsync(new DemoTargetOptions());
        var output = CliRunner.TempFile("example.json");

        var (exit, text, error) = await CliRunner.RunAsync("run", RepoFile(example), "--target", target.BaseAddress.ToString(), "--max-requests", "60", "--out", output, "-q");

        Assert.True(exit is 0 or 99, error + text);
        var result = CliRunner.ReadResult(output);
        Assert.Equal(0, result.GetProperty("script_errors").GetArrayLength());
        Assert.Equal(0, result.GetProperty("metrics").GetProperty("http_req_failed").GetProperty("rate").GetDouble());
        Assert.True(result.GetProperty("metrics").GetProperty("http_reqs").GetProperty("count").GetInt64() > 0);
    }

    [Fact]
    public async Task Run_ScenarioWithMissingVariable_ReportsTheScriptErrorOnceWithItsPlace()
    {
        await using var target = await DemoTargetHost.StartAsync(new DemoTargetOptions());
        var plan = CliRunner.TempFile("broken.yaml");
        await File.WriteAllTextAsync(plan, "target: http://127.0.0.1:1\nscenarios:\n  - steps:\n      - { name: health, path: /health }\n      - { name: session, path: \"/api/sessions/${id}\" }\nload: {model: closed, vus: 2, duration: 1s}\n");
        var output = CliRunner.TempFile("broken.json");

        var (exit, text, _) = await CliRunner.RunAsync("run", plan, "--target", target.BaseAddress.ToString(), "--out", output, "-q");

        Assert.Equal(0, exit);
        Assert.Contains($"script error at {plan}:5:9 (step 'session', template): variable 'id' is not set", text, StringComparison.Ordinal);
        var errors = CliRunner.ReadResult(output).GetProperty("script_errors");
        Assert.Equal(1, errors.GetArrayLength());
        Assert.True(errors[0].GetProperty("count").GetInt64() > 10);
    }

    [Fact]
    public async Task Run_CheckValuesWithPlaceholders_AreRenderedAndPassAgainstTheDemoTarget()
    {
        // Before, equals: "${session_id}" compared the literal text ${session_id}, and every such check failed.
        await using var target = await DemoTargetHost.StartAsync(new DemoTargetOptions());
        var plan = CliRunner.TempFile("check-values.yaml");
        await File.WriteAllTextAsync(plan, """
            target: http://127.0.0.1:1
            scenarios:
              - name: placeholders
                steps:
                  - name: login
                    method: POST
                    path: /auth/login
                    body: { username: "user-${vu}", password: testpass }
                    extract:
                      - { var: token, json: $.token }
                  - name: create
                    method: POST
                    path: /api/sessions
                    headers: { Authorization: "Bearer ${token}" }
                    body: { name: "n-${vu}-${iter}" }
                    extract:
                      - { var: session_id, json: $.id }
                    checks:
                      - { name: location names the session, header: Location, equals: "/api/sessions/${session_id}" }
                  - name: get
                    path: /api/sessions/${session_id}
                    headers: { Authorization: "Bearer ${token}" }
                    checks:
                      - { name: id is the created one, json: $.id, equals: "${session_id}" }
                      - { name: name is this user's, json: $.name, equals: "n-${vu}-${iter}" }
                      - { name: body names the session, body_contains: "\"${session_id}\"" }
                      - { name: another user's name, json: $.name, equals: "n-${vu}-x${iter}" }
            load: {model: closed, vus: 3, duration: 2s}
            """);
        var output = CliRunner.TempFile("check-values.json");

        var (exit, text, error) = await CliRunner.RunAsync("run", plan, "--target", target.BaseAddress.ToString(), "--max-requests", "90", "--out", output, "-q");

        Assert.True(exit == 0, error + text);
        var result = CliRunner.ReadResult(output);
        Assert.Equal(0, result.GetProperty("script_errors").GetArrayLength());
        var checks = result.GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!);
        foreach (var name in new[] { "location names the session", "id is the created one", "name is this user's", "body names the session" })
        {
            Assert.True(checks[name].GetProperty("passes").GetInt64() > 0, $"check '{name}' never ran");
            Assert.True(checks[name].GetProperty("fails").GetInt64() == 0, $"check '{name}' failed {checks[name].GetProperty("fails").GetInt64()} times");
        }

        // A rendered value that differs still fails: the comparison is with the rendering, not "anything goes".
        Assert.Equal(0, checks["another user's name"].GetProperty("passes").GetInt64());
        Assert.True(checks["another user's name"].GetProperty("fails").GetInt64() > 0);
    }

    [Fact]
    public async Task Run_CheckValueWithAVariableNotSet_FailsTheCheckAndSaysWhy()
    {
        await using var target = await DemoTargetHost.StartAsync(new DemoTargetOptions());
        var plan = CliRunner.TempFile("check-unset.yaml");
        await File.WriteAllTextAsync(plan, "target: http://127.0.0.1:1\nscenarios:\n  - steps:\n      - name: health\n        path: /health\n        checks:\n          - { name: echoes, body_contains: \"${nope}\" }\nload: {model: closed, vus: 1, duration: 1s}\n");
        var output = CliRunner.TempFile("check-unset.json");

        var (exit, text, error) = await CliRunner.RunAsync("run", plan, "--target", target.BaseAddress.ToString(), "--max-requests", "20", "--out", output, "-q");

        Assert.True(exit == 0, error + text);
        Assert.Contains($"script error at {plan}:4:9 (step 'health', check echoes): variable 'nope' is not set", text, StringComparison.Ordinal);
        var check = CliRunner.ReadResult(output).GetProperty("checks")[0];
        Assert.Equal(0, check.GetProperty("passes").GetInt64());
        Assert.True(check.GetProperty("fails").GetInt64() > 0);
    }

    [Fact]
    public async Task Run_UniqueDataRunsOut_IsReportedAsTheEndOfTheDataNotAScriptError()
    {
        await using var target = await DemoTargetHost.StartAsync(new DemoTargetOptions());
        var data = CliRunner.TempFile("rows.csv");
        await File.WriteAllTextAsync(data, "n\n1\n2\n3\n");
        var plan = CliRunner.TempFile("unique.yaml");
        await File.WriteAllTextAsync(plan, $"target: http://127.0.0.1:1\nscenarios:\n  - name: users\n    data: {{ file: '{data}', order: unique }}\n    steps: [{{ name: health, path: \"/health?n=${{data.n}}\" }}]\nload: {{model: closed, vus: 1, duration: 30s}}\n");
        var output = CliRunner.TempFile("unique.json");

        var (exit, text, error) = await CliRunner.RunAsync("run", plan, "--target", target.BaseAddress.ToString(), "--out", output, "-q");

        Assert.True(exit == 0, error + text);
        Assert.Contains("the data of scenario 'users' ran out: every row of its data file was used once (order: unique)", text, StringComparison.Ordinal);
        Assert.DoesNotContain("script error", text, StringComparison.Ordinal);
        var result = CliRunner.ReadResult(output);
        Assert.Equal(0, result.GetProperty("script_errors").GetArrayLength());
        Assert.Equal(["users"], result.GetProperty("data_exhausted").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(3, result.GetProperty("metrics").GetProperty("http_reqs").GetProperty("count").GetInt64());
    }

    /// <summary>
    /// The journey without its WebSocket group: the HTTP transport tests count HTTP requests and groups (the group has its
    /// own tests, WebSocketRunTests, and runs whole in the examples test).
    /// </summary>
    private static string WithoutWebSocketGroup(string journey)
    {
        var cut = System.Text.RegularExpressions.Regex.Replace(journey, "      - group: WebSocket Communication\n(?:        .*\n)+", string.Empty);
        Assert.NotEqual(journey, cut);
        return cut;
    }

    private static string RepoFile(string relative)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Pacer.slnx")))
        {
            dir = dir.Parent;
        }

        return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("repository root not found"), relative);
    }
}
