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

    /// <summary>
    /// The issue's end to end: the demo target started as a service of its own with one worker and a fixed work cost, every
    /// request to POST /api/sessions one piece of that work. The cost is `--work-time 20ms`: each piece hashes on the CPU for
    /// 20 ms of wall time (after its `--work-cost` rounds). A cost in rounds alone moved with the machine's load here (2 cores
    /// shared with 20–35 busy processes: one search saw 110 ms a piece in its first step and 30 ms in its last), so no ceiling
    /// held still long enough to be found; a cost in time is the same however busy the machine is, and still CPU. What it
    /// implies is 1000 ÷ the service time of a piece — read from the service's own counters over the very search (/health:
    /// pieces run, time its worker was held), so scheduling delays on top of the 20 ms count too. The plan judges errors only,
    /// so a step holds while the service completes 90% of the offered rate: the capacity lies between the ceiling ÷ 1.1 (the
    /// search's 10% precision) and the ceiling ÷ 0.9, inside the issue's 15%.
    /// </summary>
    [Fact]
    public async Task Capacity_OneWorkerWithAFixedWorkCost_FindsTheCeilingItsServiceTimeImplies_Within15Percent()
    {
        using var service = Reliability.ChildPacer.Start(null, "demo-target", "--port", "0", "--workers", "1", "--work-cost", "200", "--work-time", "20ms");
        try
        {
            var line = await service.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60)) ?? "";
            Assert.StartsWith("demo target listening on ", line, StringComparison.Ordinal);
            var address = new Uri(line["demo target listening on ".Length..].Split(' ')[0]);
            using var client = new HttpClient { BaseAddress = address };
            for (var i = 0; i < 40; i++)
            {
                // Warm: the first pieces run before the JIT has optimised the service's code, and would make it look slower than it is.
                (await client.PostAsync("api/sessions", new StringContent("""{"name": "warm"}""", System.Text.Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
            }

            var before = await Workers(client);
            var plan = CliRunner.TempFile("work.yaml");
            await File.WriteAllTextAsync(plan, $$"""
                name: work cost
                target: {{address}}
                load: { model: open, rate: 25, duration: 2s }
                requests:
                  - { method: POST, path: /api/sessions, body: { name: w } }
                thresholds:
                  http_req_failed: ["rate<0.01"]

                """);
            var json = CliRunner.TempFile("work.json");

            var (exit, text, error) = await CliRunner.RunAsync(
                "capacity", plan, "--step-time", "2s", "--min-step-time", "2s", "--pause", "0s", "--repeats", "1", "--precision", "10%", "--max-steps", "14", "--out", json, "-q");

            var after = await Workers(client);
            Assert.True(exit == 0, $"exit {exit}: {error}{text}");
            var serviceMs = (after.BusyMs - before.BusyMs) / (after.Completed - before.Completed);
            var implied = 1000 / serviceMs;
            using var document = JsonDocument.Parse(File.ReadAllText(json));
            var capacity = document.RootElement.GetProperty("capacity").GetDouble();
            Assert.True(
                capacity >= 0.85 * implied && capacity <= 1.15 * implied,
                string.Create(CultureInfo.InvariantCulture, $"capacity {capacity:0.#}/s; a piece took {serviceMs:0.###} ms over {after.Completed - before.Completed} pieces, implying {implied:0.#}/s\n{text}"));
        }
        finally
        {
            service.Kill(entireProcessTree: true);
            await service.WaitForExitAsync();
        }

        static async Task<(long Completed, double BusyMs)> Workers(HttpClient client)
        {
            var workers = (await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<JsonElement>(client, "health")).GetProperty("workers");
            return (workers.GetProperty("completed").GetInt64(), workers.GetProperty("busy_ms").GetDouble());
        }
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

    /// <summary>
    /// Scenarios with loads of their own (12/s and 4/s, both on the one lock held 50 ms: 20/s in all) take each step's level by
    /// their shares, 75% and 25%: the search drives the total it reports, so it finds the lock's ceiling. Kept as written, their
    /// 16/s would have held at every level tried. The plan judges errors only, so a step holds while the service keeps up with
    /// 90% of the offered rate: the two lanes start together, so their arrivals collide on the lock every second and p95 sits at
    /// two holds even far below the ceiling.
    /// </summary>
    [Fact]
    public async Task Capacity_ScenariosWithLoadsOfTheirOwn_SplitEachStepsLevelByTheirShares()
    {
        await using var target = await DemoTargetHost.StartAsync(new DemoTargetOptions());
        var plan = CliRunner.TempFile("own.yaml");
        await File.WriteAllTextAsync(plan, $$"""
            name: own loads
            target: {{target.BaseAddress}}
            scenarios:
              - name: browse
                load: { model: open, rate: 12, duration: 2s }
                steps: [{ name: browse lock, path: /lock?ms=50 }]
              - name: buy
                load: { model: open, rate: 4, duration: 2s }
                steps: [{ name: buy lock, path: /lock?ms=50 }]
            thresholds:
              http_req_failed: ["rate<0.01"]

            """);
        var json = CliRunner.TempFile("own.json");

        var (exit, text, error) = await CliRunner.RunAsync(
            "capacity", plan, "--start", "8", "--step-time", "2s", "--min-step-time", "2s", "--pause", "0s", "--repeats", "1", "--precision", "10%", "--out", json, "-q");

        Assert.True(exit == 0, $"exit {exit}: {error}{text}");
        Assert.Contains("each step's level is split over the plan's loads by their peak targets: scenario 'browse' 75%, scenario 'buy' 25%", text, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(File.ReadAllText(json));
        var steps = document.RootElement.GetProperty("report").GetProperty("search").GetProperty("steps").EnumerateArray().ToList();
        var capacity = document.RootElement.GetProperty("capacity").GetDouble();
        Assert.True(capacity is >= 20 * 0.85 and <= 20 * 1.15, $"capacity {capacity}; steps: {string.Join("; ", steps)}");
        var held = steps.Where(s => s.GetProperty("held").GetBoolean()).ToList();
        Assert.NotEmpty(held);
        Assert.All(held, s => Assert.InRange(s.GetProperty("achieved").GetDouble(), 0.9 * s.GetProperty("level").GetDouble(), 1.1 * s.GetProperty("level").GetDouble()));
    }

    [Fact]
    public async Task Capacity_AScenarioLoadOfAnotherModel_IsRefusedNamingItsPlace()
    {
        var plan = CliRunner.TempFile("mixed.yaml");
        await File.WriteAllTextAsync(plan, """
            name: mixed
            target: http://127.0.0.1:9/
            load: { model: open, rate: 5, duration: 1s }
            scenarios:
              - name: home
                steps: [{ path: / }]
              - name: buy
                load: { model: closed, vus: 2, duration: 1s }
                steps: [{ path: /cart }]

            """);

        var (exit, _, error) = await CliRunner.RunAsync("capacity", plan);

        Assert.Equal(2, exit);
        Assert.Contains($"{plan}:8:11: scenario 'buy' has a load of its own in the closed model (virtual users), but the plan's load is in the open model", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
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
