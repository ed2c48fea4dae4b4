using System.Net.Http.Json;
using System.Text.Json;
using Pacer.DemoTarget;

namespace Pacer.DemoTarget.Tests;

public sealed class WorkCacheTests
{
    [Fact]
    public void AFullCache_DropsTheLeastRecentlyUsedResult()
    {
        var cache = new WorkCache(2);
        cache.Add("a", "A");
        cache.Add("b", "B");
        Assert.True(cache.TryGet("a", out _));      // a is now the most recent
        cache.Add("c", "C");                          // so b goes

        Assert.False(cache.TryGet("b", out _));
        Assert.True(cache.TryGet("a", out var a));
        Assert.True(cache.TryGet("c", out var c));
        Assert.Equal(("A", "C", 2), (a, c, cache.Count));
        Assert.Equal((3L, 1L), (cache.Hits, cache.Misses));
    }

    [Fact]
    public void SizeZero_KeepsNothing_AndCountsNothing()
    {
        var cache = new WorkCache(0);
        cache.Add("a", "A");
        Assert.False(cache.TryGet("a", out _));
        Assert.Equal((0, 0L, 0L), (cache.Count, cache.Hits, cache.Misses));
    }

    [Theory]
    [InlineData(0, 3, 0L, 0L)]
    [InlineData(8, 1, 2L, 1L)]
    public async Task TheCommandEndpoint_AnswersARepeatedCommandFromTheCache_WithoutWork(int size, int worked, long hits, long misses)
    {
        await using var host = await DemoTargetHost.StartAsync(new DemoTargetOptions { WorkCacheSize = size, WorkCost = 2000 });
        using var client = new HttpClient { BaseAddress = host.BaseAddress };
        var id = (await (await client.PostAsJsonAsync("api/sessions", new { name = "w" })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        var outputs = new List<JsonElement>();
        for (var i = 0; i < 3; i++)
        {
            outputs.Add(await (await client.PostAsJsonAsync($"api/sessions/{id}/command", new { command = "build" })).Content.ReadFromJsonAsync<JsonElement>());
        }

        // The work is deterministic, so a cached answer says the same; only the work done (its duration) differs.
        Assert.Single(outputs.Select(o => o.GetProperty("output").GetString()).Distinct());
        Assert.Equal(worked, outputs.Count(o => o.GetProperty("duration_ms").GetDouble() > 0));
        var stats = (await client.GetFromJsonAsync<JsonElement>("health")).GetProperty("work_cache");
        Assert.Equal((size, hits, misses), (stats.GetProperty("size").GetInt32(), stats.GetProperty("hits").GetInt64(), stats.GetProperty("misses").GetInt64()));
    }

    [Fact]
    public void ANegativeSize_IsRefusedByValidate()
    {
        var error = Assert.Throws<ArgumentException>(() => new DemoTargetOptions { WorkCacheSize = -1 }.Validate());
        Assert.Contains("work cache size -1", error.Message, StringComparison.Ordinal);
    }
}
