using Pacer.DemoTarget;

namespace Pacer.Cli.Tests;

/// <summary>The seed's WebSocket journey through the CLI against the demo target's <c>/sessions/{id}/ws</c>.</summary>
public sealed class WebSocketRunTests
{
    [Fact]
    public async Task Run_SessionWebSocketExample_EveryCommandGetsItsReplyAndTheCountsAgree()
    {
        await using var target = await DemoTargetHost.StartAsync(new DemoTargetOptions());
        var example = await File.ReadAllTextAsync(RepoFile("examples/session-websocket.yaml"));
        var journey = example[..(example.IndexOf("\nload:", StringComparison.Ordinal) + 1)].Replace("      - think: 1s\n", string.Empty, StringComparison.Ordinal);
        var plan = CliRunner.TempFile("ws-journey.yaml");
        await File.WriteAllTextAsync(plan, journey + "load: {model: closed, vus: 4, duration: 2s}\nthresholds:\n  ws_errors: [\"count<1\"]\n");
        var output = CliRunner.TempFile("ws-journey.json");

        var (exit, text, error) = await CliRunner.RunAsync("run", plan, "--target", target.BaseAddress.ToString(), "--out", output, "--md", output + ".md");

        Assert.True(exit == 0, error + text);
        var result = CliRunner.ReadResult(output);
        var metrics = result.GetProperty("metrics");
        long Count(string name) => metrics.GetProperty(name).GetProperty("count").GetInt64();
        // Every reply found its message; only a journey the run's end cut short (at most one per user) may lack a step.
        var sessions = Count("ws_sessions");
        Assert.True(sessions > 0);
        Assert.Equal(0, result.GetProperty("script_errors").GetArrayLength());
        Assert.Equal(Count("ws_msgs_received"), Count("ws_msg_rtt"));
        Assert.InRange(sessions - Count("ws_msgs_sent"), 0, 4);
        Assert.InRange(Count("ws_msgs_sent") - Count("ws_msgs_received"), 0, 4);
        Assert.InRange(Count("iterations") - sessions, 0, 4);
        Assert.Equal(0, Count("ws_msgs_unmatched"));
        Assert.Equal(0, Count("ws_errors"));
        Assert.Contains("ws_msg_rtt", text, StringComparison.Ordinal);
        Assert.Contains("| WebSocket | sessions |", await File.ReadAllTextAsync(output + ".md"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_ConnectWithoutAToken_IsRefusedWith401AndReportedAsSuch()
    {
        await using var target = await DemoTargetHost.StartAsync(new DemoTargetOptions());
        var plan = CliRunner.TempFile("ws-401.yaml");
        await File.WriteAllTextAsync(plan, """
            target: http://127.0.0.1:9/
            scenarios:
              - steps:
                  - { name: create, method: POST, path: /api/sessions, body: { name: s }, extract: [{ var: sid, json: $.id }] }
                  - { ws: connect, name: open without token, path: "/sessions/${sid}/ws" }
            load: { model: closed, vus: 1, duration: 1s }
            """);
        var output = CliRunner.TempFile("ws-401.json");

        var (exit, text, error) = await CliRunner.RunAsync("run", plan, "--target", target.BaseAddress.ToString(), "--max-requests", "20", "--out", output, "-q");

        Assert.True(exit == 0, error + text);
        var result = CliRunner.ReadResult(output);
        var scriptError = Assert.Single(result.GetProperty("script_errors").EnumerateArray());
        Assert.Equal("ws_handshake_401", scriptError.GetProperty("kind").GetString());
        Assert.Equal(result.GetProperty("metrics").GetProperty("ws_errors").GetProperty("count").GetInt64(), scriptError.GetProperty("count").GetInt64());
        Assert.Equal(0, result.GetProperty("metrics").GetProperty("ws_sessions").GetProperty("count").GetInt64());
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
