using Pacer.Core.Engine;
using Pacer.Core.Plans;
using Pacer.Core.Results;

namespace Pacer.Watchers.Dotnet.Tests;

/// <summary>The .NET watcher through the public engine, as <c>--watch-dotnet</c> runs it, on the demo target as a process of its own.</summary>
public sealed class DotnetWatcherEngineTests
{
    [Fact]
    public async Task RunAsync_DemoTargetWatched_ResultHoldsEveryDotnetMetricOnTheSeriesSeconds()
    {
        await using var target = await ChildProcess.StartDemoTargetAsync();
        var plan = PlanParser.Parse(
            $$"""
            name: watched
            target: {{target.BaseAddress}}
            requests:
              - name: sessions
                path: /api/sessions
            load:
              model: open
              stages:
                - { duration: 1s, target: 200 }
                - { duration: 6s, target: 200 }
            """,
            "watched.yaml");

        var run = await PacerEngine.RunAsync(plan, new EngineOptions { Watchers = [new DotnetWatcher(target.Id)] }, CancellationToken.None);

        var watched = Assert.IsType<TargetResult>(run.Result.Target);
        var source = Assert.Single(watched.Sources);
        Assert.Equal(("dotnet", target.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), (source.Kind, source.Address));
        Assert.Empty(source.Errors);
        Assert.True(source.Samples >= 3, $"{source.Samples} samples in a 7 s run");
        var metrics = watched.Metrics.ToDictionary(m => m.Name);
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["dotnet_gc_heap"] = "bytes",
                ["dotnet_gc_gen0"] = "per_second",
                ["dotnet_gc_gen1"] = "per_second",
                ["dotnet_gc_gen2"] = "per_second",
                ["dotnet_gc_time"] = "ratio",
                ["dotnet_threadpool_queue"] = "count",
                ["dotnet_threadpool_threads"] = "count",
                ["dotnet_exceptions"] = "per_second",
                ["dotnet_alloc_rate"] = "bytes_per_second",
            },
            metrics.ToDictionary(m => m.Key, m => m.Value.Unit));
        Assert.All(watched.Metrics, m => Assert.Equal("dotnet", m.Source));

        // Every reading sits on one of the run's own seconds.
        var seconds = run.Result.Series.Select(s => s.T).ToHashSet();
        Assert.All(watched.Metrics.SelectMany(m => m.Series), p => Assert.Contains(p.T, seconds));
        Assert.True(metrics["dotnet_gc_heap"].Min > 0);
        Assert.True(metrics["dotnet_alloc_rate"].Max > 0);
        Assert.True(metrics["dotnet_threadpool_threads"].Min >= 1);
        Assert.InRange(metrics["dotnet_gc_time"].Max, 0, 1);
    }
}
