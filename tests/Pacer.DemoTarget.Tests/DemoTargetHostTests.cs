using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Pacer.DemoTarget;

namespace Pacer.DemoTarget.Tests;

public sealed class DemoTargetHostTests
{
    [Fact]
    public async Task Login_ValidAndInvalid_AnswersTokenOr4xx()
    {
        await using var host = await DemoTargetHost.StartAsync(new DemoTargetOptions());
        using var client = new HttpClient { BaseAddress = host.BaseAddress };

        var ok = await client.PostAsJsonAsync("auth/login", new { username = "demo", password = "demo" });
        var missing = await client.PostAsJsonAsync("auth/login", new { username = "demo" });
        var wrong = await client.PostAsJsonAsync("auth/login", new { username = "demo", password = "wrong" });

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var body = await ok.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(32, body.GetProperty("token").GetString()!.Length);
        Assert.Equal(3600, body.GetProperty("expires_in").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
    }

    [Fact]
    public async Task Sessions_CreateGetCommandList_Work()
    {
        await using var host = await DemoTargetHost.StartAsync(new DemoTargetOptions());
        using var client = new HttpClient { BaseAddress = host.BaseAddress };

        var created = await client.PostAsJsonAsync("api/sessions", new { name = "one" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var session = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = session.GetProperty("id").GetString()!;
        Assert.Equal($"/api/sessions/{id}", created.Headers.Location!.ToString());

        var got = await client.GetFromJsonAsync<JsonElement>($"api/sessions/{id}");
        Assert.Equal("one", got.GetProperty("name").GetString());

        var command = await client.PostAsJsonAsync($"api/sessions/{id}/command", new { command = "ls" });
        var result = await command.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(0, result.GetProperty("exit_code").GetInt32());
        Assert.StartsWith("ls: ok", result.GetProperty("output").GetString(), StringComparison.Ordinal);

        var list = await client.GetFromJsonAsync<JsonElement>("api/sessions");
        Assert.Equal(1, list.GetProperty("total").GetInt32());
        Assert.Equal(id, list.GetProperty("sessions")[0].GetProperty("id").GetString());
    }

    [Theory]
    [InlineData("GET", "api/sessions/nope", null, HttpStatusCode.NotFound)]
    [InlineData("POST", "api/sessions/nope/command", "{\"command\":\"ls\"}", HttpStatusCode.NotFound)]
    [InlineData("POST", "api/sessions/nope/command", "{}", HttpStatusCode.BadRequest)]
    public async Task Sessions_BadRequests_AnswerTheRightStatus(string method, string path, string? body, HttpStatusCode expected)
    {
        await using var host = await DemoTargetHost.StartAsync(new DemoTargetOptions());
        using var client = new HttpClient { BaseAddress = host.BaseAddress };
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
        {
            request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        }

        var response = await client.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task UnknownBearerToken_IsRejected_KnownOneAccepted()
    {
        await using var host = await DemoTargetHost.StartAsync(new DemoTargetOptions());
        using var client = new HttpClient { BaseAddress = host.BaseAddress };
        var login = await (await client.PostAsJsonAsync("auth/login", new { username = "a", password = "b" })).Content.ReadFromJsonAsync<JsonElement>();

        using var bad = new HttpRequestMessage(HttpMethod.Get, "health") { Headers = { { "Authorization", "Bearer forged" } } };
        using var good = new HttpRequestMessage(HttpMethod.Get, "health") { Headers = { { "Authorization", "Bearer " + login.GetProperty("token").GetString() } } };

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(bad)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(good)).StatusCode);
    }

    [Theory]
    [InlineData(true, 4, 1)]
    [InlineData(false, 0, 5)]
    public async Task Cache_OnOrOff_CountsHitsAndMisses(bool enabled, long hits, long misses)
    {
        await using var host = await DemoTargetHost.StartAsync(new DemoTargetOptions { CacheEnabled = enabled });
        using var client = new HttpClient { BaseAddress = host.BaseAddress };
        var created = await (await client.PostAsJsonAsync("api/sessions", new { name = "c" })).Content.ReadFromJsonAsync<JsonElement>();
        for (var i = 0; i < 5; i++)
        {
            await client.GetStringAsync($"api/sessions/{created.GetProperty("id").GetString()}");
        }

        var health = await client.GetFromJsonAsync<JsonElement>("health");

        Assert.Equal(enabled, health.GetProperty("cache").GetProperty("enabled").GetBoolean());
        Assert.Equal(hits, health.GetProperty("cache").GetProperty("hits").GetInt64());
        Assert.Equal(misses, health.GetProperty("cache").GetProperty("misses").GetInt64());
    }

    [Fact]
    public async Task WorkerPoolOfOne_RunsCommandsOneAtATime()
    {
        await using var host = await DemoTargetHost.StartAsync(new DemoTargetOptions { WorkerPoolSize = 1, WorkCost = 2000 });
        using var client = new HttpClient { BaseAddress = host.BaseAddress };
        var id = (await (await client.PostAsJsonAsync("api/sessions", new { name = "w" })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => client.PostAsJsonAsync($"api/sessions/{id}/command", new { command = "work" })));
        var windows = new List<(DateTimeOffset Start, DateTimeOffset End)>();
        foreach (var response in responses)
        {
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            var start = body.GetProperty("started_at").GetDateTimeOffset();
            windows.Add((start, start.AddMilliseconds(body.GetProperty("duration_ms").GetDouble())));
        }

        // With one worker, no two pieces of work overlap in time.
        var ordered = windows.OrderBy(w => w.Start).ToList();
        for (var i = 1; i < ordered.Count; i++)
        {
            Assert.True(ordered[i].Start >= ordered[i - 1].End.AddMilliseconds(-0.01), $"work {i} started before work {i - 1} ended");
        }
    }

    [Fact]
    public async Task WorkTime_KeepsEachPieceOnItsWorkerAtLeastThatLong()
    {
        await using var host = await DemoTargetHost.StartAsync(new DemoTargetOptions { WorkerPoolSize = 1, WorkCost = 1, WorkTime = TimeSpan.FromMilliseconds(25) });
        using var client = new HttpClient { BaseAddress = host.BaseAddress };
        var id = (await (await client.PostAsJsonAsync("api/sessions", new { name = "t" })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        var body = await (await client.PostAsJsonAsync($"api/sessions/{id}/command", new { command = "work" })).Content.ReadFromJsonAsync<JsonElement>();

        Assert.InRange(body.GetProperty("duration_ms").GetDouble(), 25, 10_000);
        Assert.Throws<ArgumentException>(() => new DemoTargetOptions { WorkTime = TimeSpan.FromSeconds(2) }.Validate());
    }

    [Fact]
    public async Task Health_CountsEveryPieceOfWork_AndTheTimeItsWorkersWereHeld()
    {
        // One worker, each piece held at least 30 ms: four sessions created at once are four pieces, held 120 ms or more in all,
        // and no longer than the requests took from first to last (one worker is held at most all the time).
        await using var host = await DemoTargetHost.StartAsync(new DemoTargetOptions { WorkerPoolSize = 1, WorkCost = 1, WorkWait = TimeSpan.FromMilliseconds(30) });
        using var client = new HttpClient { BaseAddress = host.BaseAddress };
        var before = (await client.GetFromJsonAsync<JsonElement>("health")).GetProperty("workers");
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 4).Select(i => client.PostAsJsonAsync("api/sessions", new { name = $"s{i}" })));
        var elapsed = watch.Elapsed.TotalMilliseconds;

        var workers = (await client.GetFromJsonAsync<JsonElement>("health")).GetProperty("workers");

        Assert.Equal(0, before.GetProperty("completed").GetInt64());
        Assert.Equal(0, before.GetProperty("busy_ms").GetDouble());
        Assert.Equal(4, workers.GetProperty("completed").GetInt64());
        Assert.InRange(workers.GetProperty("busy_ms").GetDouble(), 4 * 30, elapsed);
    }

    [Fact]
    public async Task WorkWait_HoldsTheWorkerWithoutCpu_SoThePoolSetsTheCeiling()
    {
        // Two workers, each piece of work held 50 ms: six commands at once run two at a time, each at least 50 ms long.
        await using var host = await DemoTargetHost.StartAsync(new DemoTargetOptions { WorkerPoolSize = 2, WorkCost = 1, WorkWait = TimeSpan.FromMilliseconds(50) });
        using var client = new HttpClient { BaseAddress = host.BaseAddress };
        var id = (await (await client.PostAsJsonAsync("api/sessions", new { name = "w" })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => client.PostAsJsonAsync($"api/sessions/{id}/command", new { command = "work" })));
        var windows = new List<(DateTimeOffset Start, DateTimeOffset End)>();
        foreach (var response in responses)
        {
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            var start = body.GetProperty("started_at").GetDateTimeOffset();
            var duration = body.GetProperty("duration_ms").GetDouble();
            // Task.Delay may end up to about a millisecond early (it is the demo's simulated call, not a measured wait).
            Assert.True(duration >= 48, $"a piece of work held its worker {duration} ms, well under the 50 ms wait");
            windows.Add((start, start.AddMilliseconds(duration)));
        }

        foreach (var (start, _) in windows)
        {
            var running = windows.Count(w => w.Start <= start && start < w.End.AddMilliseconds(-0.01));
            Assert.True(running <= 2, $"{running} pieces of work ran at once on a pool of 2");
        }
    }

    [Fact]
    public async Task ErrorRateOne_AnswersEveryRequestWith500()
    {
        await using var host = await DemoTargetHost.StartAsync(new DemoTargetOptions { ErrorRate = 1 });
        using var client = new HttpClient { BaseAddress = host.BaseAddress };

        var statuses = await Task.WhenAll(Enumerable.Range(0, 10).Select(async _ => (await client.GetAsync("health")).StatusCode));

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.InternalServerError, s));
    }

    [Fact]
    public async Task ErrorRateQuarter_FailsExactlyAQuarter()
    {
        await using var host = await DemoTargetHost.StartAsync(new DemoTargetOptions { ErrorRate = 0.25 });
        using var client = new HttpClient { BaseAddress = host.BaseAddress };
        var failures = 0;
        for (var i = 0; i < 100; i++)
        {
            failures += (await client.GetAsync("health")).StatusCode == HttpStatusCode.InternalServerError ? 1 : 0;
        }

        Assert.Equal(25, failures);
    }

    [Fact]
    public async Task TwoHosts_RunSideBySideOnDifferentPorts()
    {
        await using var a = await DemoTargetHost.StartAsync(new DemoTargetOptions());
        await using var b = await DemoTargetHost.StartAsync(new DemoTargetOptions());
        using var client = new HttpClient();

        Assert.NotEqual(a.BaseAddress.Port, b.BaseAddress.Port);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri(a.BaseAddress, "health"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri(b.BaseAddress, "health"))).StatusCode);
    }

    [Theory]
    [InlineData("WorkerPoolSize", "worker pool size 0")]
    [InlineData("Port", "port 70000")]
    [InlineData("ErrorRate", "error rate 2")]
    [InlineData("Host", "host 'example'")]
    public void Validate_BadOption_NamesIt(string option, string expected)
    {
        var options = option switch
        {
            "WorkerPoolSize" => new DemoTargetOptions { WorkerPoolSize = 0 },
            "Port" => new DemoTargetOptions { Port = 70000 },
            "ErrorRate" => new DemoTargetOptions { ErrorRate = 2 },
            _ => new DemoTargetOptions { Host = "example" },
        };

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
