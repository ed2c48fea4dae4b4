using Pacer.DemoTarget;

namespace Pacer.Cli.Tests;

public sealed class RunCommandTests
{
    [Fact]
    public async Task Run_AdHocOpenModelAgainstDemoTarget_AchievesTheConfiguredRate()
    {
        await using var target = await DemoTargetHost.StartAsync(new DemoTargetOptions());
        var output = CliRunner.TempFile("rate.json");

        var (exit, text, error) = await CliRunner.RunAsync("run", "--url", target.BaseAddress + "health", "--rate", "2000", "--duration", "4s", "--connections", "50", "--out", output, "-q");

        Assert.True(exit == 0, error + text);
        var result = CliRunner.ReadResult(output);
        var requests = result.GetProperty("metrics").GetProperty("http_reqs").GetProperty("count").GetInt64();
        var dropped = result.GetProperty("metrics").GetProperty("dropped_iterations").GetProperty("count").GetInt64();
        Assert.Equal(0, dropped);
        Assert.InRange(requests / 4.0, 2000 * 0.98, 2000 * 1.02);
        Assert.Equal(0, result.GetProperty("metrics").GetProperty("http_req_failed").GetProperty("rate").GetDouble());
        Assert.Contains("GET /health", text, StringComparison.Ordinal);
        Assert.Contains("p99.9", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new string[0], "pacer-http1/epoll")]
    [InlineData(new[] { "--event-loops", "2" }, "pacer-http1/epoll×2")]
    [InlineData(new[] { "--transport", "httpclient" }, "httpclient/1.1")]
    [InlineData(new[] { "--transport", "socket" }, "pacer-http1/socket")]
    [InlineData(new[] { "--http2" }, "httpclient/2")]
    public async Task Run_TransportChoice_IsUsedAndShownInTheSummaryAndResult(string[] flags, string expected)
    {
        await using var target = await DemoTargetHost.StartAsync(new DemoTargetOptions { Http2Only = flags.Contains("--http2") });
        var output = CliRunner.TempFile("transport.json");

        var (exit, text, error) = await CliRunner.RunAsync(["run", "--url", target.BaseAddress + "health", "--vus", "2", "--duration", "1s", "--out", output, "-q", .. flags]);

        Assert.True(exit == 0, error + text);
        Assert.Contains($"transport {expected}", text, StringComparison.Ordinal);
        var result = CliRunner.ReadResult(output);
        Assert.StartsWith(expected, result.GetProperty("environment").GetProperty("transport").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, result.GetProperty("metrics").GetProperty("http_req_failed").GetProperty("rate").GetDouble());
    }

    [Fact]
    public async Task Run_StrictWithSaturatedGenerator_Exits1AfterWritingTheResult()
    {
        await using var target = await DemoTargetHost.StartAsync(new DemoTargetOptions());
        var output = CliRunner.TempFile("strict.json");

        // Far beyond what this generator and the in-process target can do on a small machine, with connections to spare: the
        // event loop cannot write on time, which is the generator's lag (with every connection busy it would be queue time).
        var (exit, text, error) = await CliRunner.RunAsync("run", "--url", target.BaseAddress + "health", "--rate", "100000", "--duration", "2s", "--connections", "1000", "--strict", "--out", output, "-q");

        Assert.Equal(1, exit);
        Assert.Contains("--strict: the load generator was saturated", error, StringComparison.Ordinal);
        Assert.Contains("GENERATOR SATURATED", text, StringComparison.Ordinal);
        var generator = CliRunner.ReadResult(output).GetProperty("generator");
        Assert.True(generator.GetProperty("saturated").GetBoolean());
        // The verdict names its evidence, and the connections the burst of late writes needed are counted.
        Assert.NotEqual(0, generator.GetProperty("saturated_by").GetArrayLength());
        Assert.True(generator.GetProperty("connections_opened").GetInt64() > 0);
    }

    [Fact]
    public async Task Run_ClosedModelFlags_RunsVirtualUsers()
    {
        await using var target = await DemoTargetHost.StartAsync(new DemoTargetOptions());
        var output = CliRunner.TempFile("vus.json");

        var (exit, _, error) = await CliRunner.RunAsync("run", "--url", target.BaseAddress + "api/sessions", "--vus", "5", "--duration", "2s", "--out", output, "-q");

        Assert.True(exit == 0, error);
        var result = CliRunner.ReadResult(output);
        Assert.Equal("closed", result.GetProperty("plan").GetProperty("model").GetString());
        Assert.Equal(5, result.GetProperty("metrics").GetProperty("vus").GetProperty("max").GetDouble());
        Assert.True(result.GetProperty("metrics").GetProperty("http_reqs").GetProperty("count").GetInt64() > 100);
    }

    [Fact]
    public async Task Run_PlanWhoseThresholdFails_Exits99AndSaysSo()
    {
        await using var target = await DemoTargetHost.StartAsync(new DemoTargetOptions());
        var plan = CliRunner.TempFile("plan.yaml");
        await File.WriteAllTextAsync(plan, $$"""
            target: {{target.BaseAddress}}
            requests: [{ name: health, path: /health }]
            load: { model: open, rate: 50, duration: 2s }
            thresholds:
              http_req_duration: ["p(99)<1us"]
              http_req_failed: ["rate<0.01"]
            """);
        var output = CliRunner.TempFile("fail.json");

        var (exit, text, _) = await CliRunner.RunAsync("run", plan, "--out", output, "-q");

        Assert.Equal(99, exit);
        Assert.Contains("FAILED 1 of 2 thresholds", text, StringComparison.Ordinal);
        var result = CliRunner.ReadResult(output);
        Assert.False(result.GetProperty("passed").GetBoolean());
        Assert.False(result.GetProperty("thresholds")[0].GetProperty("passed").GetBoolean());
        Assert.True(result.GetProperty("thresholds")[1].GetProperty("passed").GetBoolean());
    }

    [Fact]
    public async Task Run_DeadPortWithAbortOnFail_StopsEarlyAndExits99()
    {
        var plan = CliRunner.TempFile("dead.yaml");
        await File.WriteAllTextAsync(plan, $$"""
            target: {{DeadPortUrl()}}
            requests: [{ path: / }]
            load: { model: open, rate: 100, duration: 60s }
            thresholds:
              http_req_failed: [{ threshold: "rate<0.01", abortOnFail: true, delayAbortEval: 1s }]
            """);
        var output = CliRunner.TempFile("dead.json");

        var (exit, text, _) = await CliRunner.RunAsync("run", plan, "--out", output, "-q");

        Assert.Equal(99, exit);
        var result = CliRunner.ReadResult(output);
        Assert.True(result.GetProperty("aborted").GetBoolean());
        Assert.Contains("abortOnFail", result.GetProperty("abort_reason").GetString(), StringComparison.Ordinal);
        Assert.True(result.GetProperty("duration_seconds").GetDouble() < 10);
        Assert.Equal("refused", result.GetProperty("errors")[0].GetProperty("kind").GetString());
        Assert.True(result.GetProperty("requests")[0].GetProperty("errors_by_kind").GetProperty("refused").GetInt64() > 0);
        Assert.Contains("refused", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_DeadPortWithoutThresholds_CompletesWithAllErrorsAndExits99BecauseNothingWasAnswered()
    {
        var output = CliRunner.TempFile("dead0.json");

        var (exit, text, _) = await CliRunner.RunAsync("run", "--url", DeadPortUrl().ToString(), "--rate", "50", "--duration", "1s", "--out", output, "-q");

        // Not a runtime failure (Pacer measured correctly), but no run in which nothing was answered can pass.
        Assert.Equal(99, exit);
        Assert.Contains("50 of 50 requests failed", text, StringComparison.Ordinal);
        Assert.Contains("FAILED no request got a response: 50 sent, all failed (refused 50)", text, StringComparison.Ordinal);
        Assert.Equal(1.0, CliRunner.ReadResult(output).GetProperty("metrics").GetProperty("http_req_failed").GetProperty("rate").GetDouble());
    }

    [Fact]
    public async Task Run_InvalidPlan_Exits2WithFileLineAndColumn()
    {
        var plan = CliRunner.TempFile("bad.yaml");
        await File.WriteAllTextAsync(plan, "target: http://127.0.0.1:1\nrequests: [{path: /}]\nload:\n  model: open\n  rate: 10\n  duraton: 5s\n");

        var (exit, _, error) = await CliRunner.RunAsync("run", plan);

        Assert.Equal(2, exit);
        Assert.Contains($"{plan}:6:3: unknown key 'duraton' in load (did you mean 'duration'?)", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "run" }, "give a plan file")]
    [InlineData(new[] { "run", "missing.yaml" }, "missing.yaml: no such plan file")]
    [InlineData(new[] { "run", "--url", "http://127.0.0.1:1/" }, "exactly one of --rate")]
    [InlineData(new[] { "run", "--url", "http://127.0.0.1:1/", "--rate", "10", "--vus", "2" }, "exactly one of --rate")]
    [InlineData(new[] { "run", "--url", "127.0.0.1:1", "--rate", "10" }, "is not an absolute http")]
    [InlineData(new[] { "run", "--url", "http://127.0.0.1:1/", "--rate", "10", "--duration", "soon" }, "duration must be a duration")]
    [InlineData(new[] { "run", "--url", "http://127.0.0.1:1/", "--rate", "10", "-H", "NoColon" }, "should look like 'Name: value'")]
    [InlineData(new[] { "run", "--url", "http://127.0.0.1:1/", "--rate", "ten" }, "ten")]
    [InlineData(new[] { "frobnicate" }, "frobnicate")]
    [InlineData(new[] { "run", "--url", "http://127.0.0.1:1/", "--rate", "10", "--event-loops", "0" }, "--event-loops must be between 1 and 1024, not 0")]
    [InlineData(new[] { "run", "--url", "https://127.0.0.1:1/", "--rate", "10", "--transport", "lean" }, "the lean transport speaks plain HTTP/1.1")]
    [InlineData(new[] { "run", "--url", "http://127.0.0.1:1/", "--rate", "10", "--http2", "--transport", "lean" }, "the lean transport speaks plain HTTP/1.1")]
    [InlineData(new[] { "run", "--url", "https://127.0.0.1:1/", "--rate", "10", "--transport", "socket" }, "the socket transport speaks plain HTTP/1.1")]
    [InlineData(new[] { "run", "--url", "http://127.0.0.1:1/", "--rate", "10", "--transport", "fast" }, "fast")]
    public async Task Run_BadUsage_Exits2WithAClearMessage(string[] args, string expected)
    {
        var (exit, _, error) = await CliRunner.RunAsync(args);

        Assert.Equal(2, exit);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_PlanWithDuration_ScalesTheStagesToIt()
    {
        await using var target = await DemoTargetHost.StartAsync(new DemoTargetOptions());
        var plan = CliRunner.TempFile("scaled.yaml");
        await File.WriteAllTextAsync(plan, $"target: {target.BaseAddress}\nrequests: [{{ path: /health }}]\nload: {{ model: open, stages: [{{ duration: 4s, target: 50 }}, {{ duration: 16s, target: 50 }}] }}\n");
        var output = CliRunner.TempFile("scaled.json");

        var (exit, text, error) = await CliRunner.RunAsync("run", plan, "--duration", "2s", "--out", output, "-q");

        Assert.True(exit == 0, error + text);
        var result = CliRunner.ReadResult(output);
        Assert.Equal(2.0, result.GetProperty("plan").GetProperty("planned_duration_seconds").GetDouble(), 3);
        Assert.InRange(result.GetProperty("duration_seconds").GetDouble(), 1.9, 4.0);
    }

    [Theory]
    [InlineData("--vus", "10")]
    [InlineData("--rate", "100")]
    [InlineData("--header", "X-A: b")]
    public async Task Run_PlanWithAnAdHocOnlyOption_Exits2InsteadOfIgnoringIt(string option, string value)
    {
        var plan = CliRunner.TempFile("plain.yaml");
        await File.WriteAllTextAsync(plan, "target: http://127.0.0.1:1/\nrequests: [{ path: / }]\nload: { model: closed, vus: 1, duration: 1s }\n");

        var (exit, _, error) = await CliRunner.RunAsync("run", plan, option, value, "-q");

        Assert.Equal(2, exit);
        Assert.Contains($"{option} shapes an ad-hoc test (--url); with a plan file, set it in the plan", error, StringComparison.Ordinal);
    }

    internal static Uri DeadPortUrl()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}/");
    }
}
