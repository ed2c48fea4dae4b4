using System.Globalization;
using System.Text.Json;
using Pacer.DemoTarget;

namespace Pacer.Cli.Tests;

/// <summary>
/// <c>pacer capacity</c> end to end on the demo target, whose <c>/lock?ms=N</c> serialises every request behind one lock held N ms
/// (a sleep, so the ceiling, 1000/N requests per second, does not move with how busy the machine's CPUs are), and its usage errors.
/// </summary>
[Collection(nameof(TimingSensitive))]
public sealed class CapacityCommandTests
{
    [Fact]
    public async Task Capacity_OpenPlanOnALockHeld50ms_FindsAbout20PerSecondWithAnIntervalAndWritesJsonAndHtml()
    {
        await using var target = await DemoTargetHost.StartAsync(new DemoTargetOptions());
        var plan = Plan(target, "model: open\n  rate: 8\n  duration: 2s", "/lock?ms=50", "p(95)<150ms");
        var (json, html) = (CliRunner.TempFile("capacity.json"), CliRunner.TempFile("capacity.html"));

        var (exit, text, error) = await CliRunner.RunAsync(
            "capacity", plan, "--step-time", "2s", "--min-step-time", "2s", "--pause", "0s", "--repeats", "1", "--max-steps", "10",
            "--target-rate", "100", "--out", json, "--html", html);

        Assert.True(exit == 0, $"exit {exit}: {error}{text}");
        using var document = JsonDocument.Parse(File.ReadAllText(json));
        var root = document.RootElement;
        Assert.Equal("pacer.capacity/v1", root.GetProperty("schema").GetString());
        var capacity = root.GetProperty("capacity").GetDouble();
        Assert.InRange(capacity, 20 * 0.85, 20 * 1.15);
        Assert.True(root.GetProperty("upper").GetDouble() > capacity);
        var steps = root.GetProperty("report").GetProperty("search").GetProperty("steps");
        Assert.InRange(steps.GetArrayLength(), 3, 10);
        Assert.Contains(steps.EnumerateArray(), s => !s.GetProperty("held").GetBoolean() && s.GetProperty("breaches")[0].GetString()!.Contains("http_req_duration", StringComparison.Ordinal));
        Assert.Contains("sustains", text, StringComparison.Ordinal);
        Assert.Contains("replicas: to serve 100.0/s", text, StringComparison.Ordinal);
        Assert.Contains("kind: HorizontalPodAutoscaler", text, StringComparison.Ordinal);
        var page = File.ReadAllText(html);
        Assert.Contains("latency percentiles against load", page, StringComparison.Ordinal);
        Assert.Contains("throughput against concurrency", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Capacity_ClosedPlanOnALockHeld20ms_FindsTheUsersAtWhichP95Breaks()
    {
        // n users queue on the one lock: each request waits for the other n − 1, so latency is about n × 20 ms and p95 < 100 ms
        // holds up to 4 users.
        await using var target = await DemoTargetHost.StartAsync(new DemoTargetOptions());
        var plan = Plan(target, "model: closed\n  vus: 1\n  duration: 2s", "/lock?ms=20", "p(95)<100ms");
        var json = CliRunner.TempFile("closed.json");

        var (exit, text, error) = await CliRunner.RunAsync("capacity", plan, "--step-time", "2s", "--min-step-time", "2s", "--pause", "0s", "--repeats", "1", "--out", json, "-q");

        Assert.True(exit == 0, $"exit {exit}: {error}{text}");
        using var document = JsonDocument.Parse(File.ReadAllText(json));
        Assert.Equal("closed", document.RootElement.GetProperty("model").GetString());
        Assert.InRange(document.RootElement.GetProperty("capacity").GetDouble(), 3, 4);
        Assert.Contains(" users", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Capacity_NothingHolds_Exits99AndSaysSo()
    {
        await using var target = await DemoTargetHost.StartAsync(new DemoTargetOptions());
        var plan = Plan(target, "model: open\n  rate: 4\n  duration: 1s", "/lock?ms=20", "p(95)<1ms");
        var json = CliRunner.TempFile("none.json");

        var (exit, text, error) = await CliRunner.RunAsync("capacity", plan, "--step-time", "1s", "--min-step-time", "1s", "--pause", "0s", "--min", "2", "--out", json, "-q");

        Assert.True(exit == 99, $"exit {exit}: {error}{text}");
        Assert.Contains("no load held the targets, down to 2 req/s", text, StringComparison.Ordinal);
        Assert.True(File.Exists(json));
    }

    [Theory]
    [InlineData("--precision", "150%", "--precision '150%' must be above 0% up to 100%")]
    [InlineData("--headroom", "abc", "--headroom 'abc' is not a share")]
    [InlineData("--start", "0", "the starting level (0) must lie between")]
    [InlineData("--step-time", "1s", "--min-step-time (5s) is longer than --step-time (1s)")]
    [InlineData("--target-rate", "-5", "--target-rate -5 must be a positive number")]
    public async Task Capacity_BadInput_Exits2NamingIt(string option, string value, string message)
    {
        var plan = CliRunner.TempFile("plan.yaml");
        await File.WriteAllTextAsync(plan, "name: p\ntarget: http://127.0.0.1:9/\nload:\n  model: open\n  rate: 5\n  duration: 1s\nrequests:\n  - path: /\n");

        var (exit, _, error) = await CliRunner.RunAsync("capacity", plan, option, value);

        Assert.Equal(2, exit);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Capacity_MissingPlan_Exits2()
    {
        var (exit, _, error) = await CliRunner.RunAsync("capacity", "no-such-plan.yaml");

        Assert.Equal(2, exit);
        Assert.Contains("no-such-plan.yaml: no such plan file", error, StringComparison.Ordinal);
    }

    private static string Plan(DemoTargetHost target, string load, string path, string p95)
    {
        var file = CliRunner.TempFile("plan.yaml");
        File.WriteAllText(file, string.Create(CultureInfo.InvariantCulture, $"""
            name: capacity-test
            target: {target.BaseAddress}
            load:
              {load}
            requests:
              - method: GET
                path: {path}
            thresholds:
              http_req_duration: ["{p95}"]

            """));
        return file;
    }
}
