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

    [Fact]
    public async Task Run_BroadcastRoom_StreamAndHold_CountsEqualTheRoomsOwn_AndAStepThresholdIsJudged()
    {
        await using var target = await DemoTargetHost.StartAsync(new DemoTargetOptions());
        var example = await File.ReadAllTextAsync(RepoFile("examples/websocket-room.yaml"));
        var plan = CliRunner.TempFile("ws-room.yaml");

        // The example's journey with a short load, and thresholds that hold on a loaded test machine.
        await File.WriteAllTextAsync(plan, example[..(example.IndexOf("\nload:", StringComparison.Ordinal) + 1)] + """
            load: { model: closed, vus: 3, duration: 1s }
            thresholds:
              "ws_msg_rtt{step:chat}": ["p(95)<5000"]
              "ws_ping{step:beat}": ["count>0"]
              ws_errors: ["count<1"]
            """);
        var output = CliRunner.TempFile("ws-room.json");

        var (exit, text, error) = await CliRunner.RunAsync("run", plan, "--target", target.BaseAddress.ToString(), "--out", output, "-q");

        Assert.True(exit == 0, error + text);
        var result = CliRunner.ReadResult(output);
        var metrics = result.GetProperty("metrics");
        long Count(string name) => metrics.GetProperty(name).GetProperty("count").GetInt64();
        Assert.Equal(0, result.GetProperty("script_errors").GetArrayLength());

        // Every iteration ran whole (the graceful stop lets the last ones finish), so the room's counts are Pacer's.
        Assert.Equal(target.Rooms.Received, Count("ws_msgs_sent"));
        Assert.Equal(target.Rooms.Pushed, Count("ws_msgs_received"));
        Assert.Equal(Count("ws_msgs_sent"), Count("ws_msg_rtt{step:chat}"));
        Assert.Equal(Count("ws_sessions") * 8, Count("ws_msgs_sent{step:chat}"));
        Assert.Equal(Count("ws_sessions"), Count("ws_ping{step:beat}"));
        Assert.Equal(Count("ws_sessions"), Count("ws_time_to_first_msg"));
        Assert.True(Count("ws_msg_interval") > 0);

        // A saved result judges a step's threshold as the live run did.
        var chat = Count("ws_msg_rtt{step:chat}");
        var (pass, passText, _) = await CliRunner.RunAsync("check", output, "--threshold", $"ws_msg_rtt{{step:chat}}: count=={chat}");
        var (fail, failText, _) = await CliRunner.RunAsync("check", output, "--threshold", $"ws_msg_rtt{{step:chat}}: count=={chat + 1}");
        Assert.True(pass == 0, passText);
        Assert.True(fail == 99, failText);
    }

    [Fact]
    public async Task Run_SessionJourneyExample_HasTheSeedsWebSocketGroupAndItsThreshold()
    {
        await using var target = await DemoTargetHost.StartAsync(new DemoTargetOptions());
        var example = await File.ReadAllTextAsync(RepoFile("examples/session-journey.yaml"));
        var journey = example[..(example.IndexOf("\nload:", StringComparison.Ordinal) + 1)].Replace("      - think: 1s\n", string.Empty, StringComparison.Ordinal);
        var thresholds = example[example.IndexOf("\nthresholds:", StringComparison.Ordinal)..];
        Assert.Contains("ws_msg_rtt{step:WebSocket Communication › run command}", thresholds, StringComparison.Ordinal);
        var plan = CliRunner.TempFile("journey-ws.yaml");

        // The seed's ws threshold as it is, the HTTP response-time ones left out: they are about this machine under a test run.
        await File.WriteAllTextAsync(plan, journey + "load: {model: closed, vus: 2, duration: 1s}\nthresholds:\n  \"ws_msg_rtt{step:WebSocket Communication › run command}\": [\"count>0\"]\n  ws_errors: [\"count<1\"]\n");
        var output = CliRunner.TempFile("journey-ws.json");

        var (exit, text, error) = await CliRunner.RunAsync("run", plan, "--target", target.BaseAddress.ToString(), "--out", output, "-q");

        Assert.True(exit == 0, error + text);
        var metrics = CliRunner.ReadResult(output).GetProperty("metrics");
        var own = metrics.GetProperty("ws_msg_rtt{step:WebSocket Communication › run command}").GetProperty("count").GetInt64();
        Assert.True(own > 0);
        Assert.Equal(metrics.GetProperty("ws_msg_rtt").GetProperty("count").GetInt64(), own);
        Assert.Equal(metrics.GetProperty("iterations").GetProperty("count").GetInt64(), own);
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
