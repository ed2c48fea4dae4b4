using Pacer.Core.Monitoring;
using Pacer.Core.Tests.TestServers;

namespace Pacer.Core.Tests.Monitoring;

/// <summary>The result's command source: the process watcher's readings under the command's name, and the service's end said.</summary>
public sealed class ServiceWatcherTests : IDisposable
{
    private readonly string log = Path.Combine(Path.GetTempPath(), $"pacer-test-{Guid.NewGuid():N}.service.log");

    public void Dispose() => File.Delete(log);

    [Fact]
    public async Task Sample_WhileRunning_GivesTheInnerReadingsAndNotesUnderTheCommandSource()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        await using var health = await TestHttpServer.StartOkAsync();
        await using var service = await ServiceProcess.StartAsync(new ServiceStartOptions("sleep 30", log) { ReadyUrl = health.BaseAddress });
        var inner = new ScriptedWatcher();
        await using var watcher = new ServiceWatcher(service, inner);

        await watcher.StartAsync(CancellationToken.None);
        var readings = await watcher.SampleAsync(TimeSpan.FromSeconds(1), CancellationToken.None);

        Assert.Equal(new TargetSource("command", "sleep 30"), watcher.Source);
        Assert.True(inner.Started);
        Assert.Equal([new TargetReading("target_cpu", 0.5, TargetUnit.Cores)], readings);
        Assert.Equal(["a note"], ((ITargetWatcherNotes)watcher).TakeNotes());
        Assert.False(service.HasExited);
    }

    /// <summary>Disposing the watcher (the engine does, after the run) leaves the service to whoever started it.</summary>
    [Fact]
    public async Task Dispose_DoesNotStopTheService_AndAnEndedServiceIsEachSamplesError()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        await using var health = await TestHttpServer.StartOkAsync();
        await using var service = await ServiceProcess.StartAsync(new ServiceStartOptions("sleep 30", log) { ReadyUrl = health.BaseAddress });
        var watcher = new ServiceWatcher(service);
        await watcher.DisposeAsync();
        Assert.False(service.HasExited);
        Assert.Empty(await watcher.SampleAsync(TimeSpan.FromSeconds(1), CancellationToken.None));

        service.Kill();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!service.HasExited)
        {
            await Task.Delay(10, deadline.Token);
        }

        var e = await Assert.ThrowsAsync<InvalidOperationException>(async () => await watcher.SampleAsync(TimeSpan.FromSeconds(2), CancellationToken.None));
        Assert.Equal($"the service ended during the run (signal 9); see its log {log}", e.Message);
    }

    private sealed class ScriptedWatcher : ITargetWatcher, ITargetWatcherNotes
    {
        public bool Started { get; private set; }

        public TargetSource Source => new("pid", "1");

        public ValueTask StartAsync(CancellationToken cancellationToken)
        {
            Started = true;
            return ValueTask.CompletedTask;
        }

        public ValueTask<IReadOnlyList<TargetReading>> SampleAsync(TimeSpan elapsed, CancellationToken cancellationToken) =>
            ValueTask.FromResult<IReadOnlyList<TargetReading>>([new TargetReading("target_cpu", 0.5, TargetUnit.Cores)]);

        public ValueTask<IReadOnlyList<TargetSeries>> AfterRunAsync(TargetWindow window, CancellationToken cancellationToken) =>
            ValueTask.FromResult<IReadOnlyList<TargetSeries>>([]);

        public IReadOnlyList<string> TakeNotes() => ["a note"];

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
