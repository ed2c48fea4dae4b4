using Pacer.Core.Engine;
using Pacer.Core.Monitoring;
using Pacer.Core.Plans;
using Pacer.Core.Results;
using Pacer.Core.Tests.TestServers;

namespace Pacer.Core.Tests.Thresholds;

/// <summary>Target thresholds through the public engine: judged on the watch's seconds, and the same verdicts from the saved file.</summary>
public sealed class TargetThresholdEngineTests
{
    [Fact]
    public async Task RunAsync_TargetThresholds_AreJudgedOnTheWatchedSeconds_AndTheSavedFileAgrees()
    {
        await using var server = await TestHttpServer.StartOkAsync();
        var plan = PlanParser.Parse(
            $"target: {server.BaseAddress}\nrequests: [{{ path: / }}]\nload: {{ model: open, rate: 20, duration: 2s }}\n"
            + "thresholds:\n  target_cpu: [\"max<70%\", \"max<80%\", \"avg<1.6cores\"]\n  target_memory: [\"last<1GB\"]\n",
            "plan.yaml");

        var run = await PacerEngine.RunAsync(plan, new EngineOptions { Watchers = [new SteadyWatcher()] }, CancellationToken.None);

        // 1.5 of 2 cores is 75% every second; nothing gave target_memory.
        Assert.Equal(
            ["target_cpu max<70% False 0.75", "target_cpu max<80% True 0.75", "target_cpu avg<1.6cores True 1.5", "target_memory last<1GB False "],
            run.Result.Thresholds.Select(t => $"{t.Metric} {t.Expression} {t.Passed} {t.Actual}"));
        Assert.Equal("not measured: none of the watched sources (pid) gives target_memory (add --watch-pid)", run.Result.Thresholds[3].Note);
        Assert.False(run.Result.Passed);

        var path = Path.Combine(Path.GetTempPath(), $"pacer-test-{Guid.NewGuid():N}-target.json");
        await ResultFile.WriteAsync(run.Result, path);
        try
        {
            var saved = ResultFile.Read(path);
            var check = ResultThresholds.Judge(saved, plan.Thresholds);
            Assert.Equal(run.Result.Thresholds, check.Thresholds);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>A process using 1.5 of its 2 cores, every second.</summary>
    private sealed class SteadyWatcher : ITargetWatcher
    {
        public TargetSource Source { get; } = new("pid", "4242");

        public ValueTask StartAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask<IReadOnlyList<TargetReading>> SampleAsync(TimeSpan elapsed, CancellationToken cancellationToken) =>
            ValueTask.FromResult<IReadOnlyList<TargetReading>>([new("target_cpu", 1.5, TargetUnit.Cores, 2)]);

        public ValueTask<IReadOnlyList<TargetSeries>> AfterRunAsync(TargetWindow window, CancellationToken cancellationToken) =>
            ValueTask.FromResult<IReadOnlyList<TargetSeries>>([]);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
