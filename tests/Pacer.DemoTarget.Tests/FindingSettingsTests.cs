using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Pacer.DemoTarget;

namespace Pacer.DemoTarget.Tests;

/// <summary>The settings that make issue 17's findings reproducible: a CPU-heavy endpoint, a lock-contended one, and a leak with a cap.</summary>
public sealed class FindingSettingsTests
{
    [Fact]
    public async Task Cpu_BurnsTheAskedCpuTime()
    {
        await using var host = await DemoTargetHost.StartAsync(new DemoTargetOptions());
        using var client = new HttpClient { BaseAddress = host.BaseAddress };
        var before = Process.GetCurrentProcess().TotalProcessorTime;

        var answers = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            answers.Add((await client.GetFromJsonAsync<JsonElement>("cpu?ms=20")).GetProperty("cpu_ms").GetDouble());
        }

        var used = (Process.GetCurrentProcess().TotalProcessorTime - before).TotalMilliseconds;
        Assert.All(answers, ms => Assert.InRange(ms, 20, 1000));
        // The process spent at least the CPU the five requests burned (it also ran the client, so no upper bound).
        Assert.True(used >= answers.Sum() * 0.95, $"process CPU {used} ms for {answers.Sum()} ms burned");
    }

    [Fact]
    public async Task Cpu_WithoutMs_BurnsTheConfiguredDefault()
    {
        await using var host = await DemoTargetHost.StartAsync(new DemoTargetOptions { CpuPerRequest = TimeSpan.FromMilliseconds(15) });
        using var client = new HttpClient { BaseAddress = host.BaseAddress };

        var body = await client.GetFromJsonAsync<JsonElement>("cpu");

        Assert.InRange(body.GetProperty("cpu_ms").GetDouble(), 15, 1000);
    }

    [Theory]
    [InlineData("cpu?ms=abc")]
    [InlineData("cpu?ms=-1")]
    [InlineData("lock?ms=1001")]
    public async Task CpuOrLock_BadMs_Answers400NamingIt(string path)
    {
        await using var host = await DemoTargetHost.StartAsync(new DemoTargetOptions());
        using var client = new HttpClient { BaseAddress = host.BaseAddress };

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("ms must be a number of milliseconds from 0 to 1000", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lock_ConcurrentRequests_HoldItOneAfterAnother()
    {
        await using var host = await DemoTargetHost.StartAsync(new DemoTargetOptions());
        using var client = new HttpClient { BaseAddress = host.BaseAddress };
        var watch = Stopwatch.StartNew();

        var bodies = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => client.GetFromJsonAsync<JsonElement>("lock?ms=50")));

        // One holder at a time: four holds of 50 ms take at least 200 ms, and the last in line waited for the other three.
        Assert.True(watch.ElapsedMilliseconds >= 195, $"four holds took {watch.ElapsedMilliseconds} ms");
        var waits = bodies.Select(b => b.GetProperty("waited_ms").GetDouble()).Order().ToList();
        Assert.True(waits[^1] >= 140, $"waits {string.Join(", ", waits)}");
        Assert.All(bodies, b => Assert.Equal(50, b.GetProperty("held_ms").GetDouble()));
    }

    [Fact]
    public async Task Leak_KeepsBytesPerRequest_UpToItsCap()
    {
        await using var host = await DemoTargetHost.StartAsync(new DemoTargetOptions { LeakPerRequest = 100_000, LeakCap = 350_000 });
        using var client = new HttpClient { BaseAddress = host.BaseAddress };

        var first = await client.GetFromJsonAsync<JsonElement>("health");
        for (var i = 0; i < 4; i++)
        {
            await client.GetAsync("health");
        }

        var last = await client.GetFromJsonAsync<JsonElement>("health");

        Assert.Equal(100_000, first.GetProperty("leaked_bytes").GetInt64());
        Assert.Equal(300_000, last.GetProperty("leaked_bytes").GetInt64());
    }

    [Fact]
    public async Task Leak_Off_KeepsNothing()
    {
        await using var host = await DemoTargetHost.StartAsync(new DemoTargetOptions());
        using var client = new HttpClient { BaseAddress = host.BaseAddress };
        await client.GetAsync("health");

        Assert.Equal(0, (await client.GetFromJsonAsync<JsonElement>("health")).GetProperty("leaked_bytes").GetInt64());
    }

    [Theory]
    [InlineData("cpu", "CPU per request 2000 ms must be between 0 and 1000 ms")]
    [InlineData("lock", "lock hold -1 ms must be between 0 and 1000 ms")]
    [InlineData("cap", "leak cap 2147483648 bytes must be between 0 and 1073741824 (1 GiB)")]
    [InlineData("leak", "leak per request 300000000 bytes must be between 0 and the leak cap (268435456 bytes)")]
    public void Validate_BadFindingSetting_NamesIt(string option, string expected)
    {
        var options = option switch
        {
            "cpu" => new DemoTargetOptions { CpuPerRequest = TimeSpan.FromSeconds(2) },
            "lock" => new DemoTargetOptions { LockHold = TimeSpan.FromMilliseconds(-1) },
            "cap" => new DemoTargetOptions { LeakCap = 2L << 30 },
            _ => new DemoTargetOptions { LeakPerRequest = 300_000_000 },
        };

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Equal(expected, error.Message);
    }
}
