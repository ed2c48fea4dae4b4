using Pacer.Core.Engine;
using Pacer.Core.Monitoring;
using Pacer.Core.Results;
using Pacer.Core.Tests.TestServers;

namespace Pacer.Core.Tests.Monitoring;

/// <summary>
/// Target watchers through the public engine, against a server the test starts: their readings land in the result's target
/// section on the seconds of the latency series, and no watcher — throwing, hanging, slow, failing to start — stops or slows
/// the run.
/// </summary>
public sealed class TargetWatchEngineTests
{
    private static readonly TargetWatchTimeouts Short = new(TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1));

    [Fact]
    public async Task RunAsync_WatcherReadings_AreKeyedByTheSecondsOfTheSeries()
    {
        await using var server = await TestHttpServer.StartOkAsync();
        var plan = TestPlans.Open(server.BaseAddress, rate: 50, seconds: 3);
        var live = new ElapsedWatcher();
        var after = new AfterRunWatcher();

        var run = await PacerEngine.RunAsync(plan, new EngineOptions { Watchers = [live, after] }, CancellationToken.None);

        var target = Assert.IsType<TargetResult>(run.Result.Target);
        var seconds = run.Result.Series.Select(s => s.T).ToList();
        Assert.Equal([new TargetSource("fake", "elapsed"), new TargetSource("fake", "after")], target.Sources.Select(s => new TargetSource(s.Kind, s.Address)));
        Assert.True(live.Started);
        Assert.True(live.Disposed && after.Disposed);

        // Every second of the run, the last (partial) one included, has the watcher's reading, at exactly the series' key.
        var elapsed = target.Metrics.Single(m => m.Name == "elapsed");
        Assert.Equal(seconds, elapsed.Series.Select(p => p.T));
        Assert.All(elapsed.Series, p => Assert.Equal(p.T, p.V, 3));
        Assert.Equal("cores", elapsed.Unit);
        Assert.Equal("fake", elapsed.Source);
        Assert.Equal(2, elapsed.Limit);
        Assert.Equal(seconds.Count, target.Sources[0].Samples);
        Assert.Empty(target.Sources[0].Errors);

        // Summaries of the per-second values.
        var values = elapsed.Series.Select(p => p.V).ToList();
        Assert.Equal(Math.Round(values.Average(), 6), elapsed.Mean);
        Assert.Equal(values.Max(), elapsed.Max);
        Assert.Equal(values.Min(), elapsed.Min);
        Assert.Equal(values[^1], elapsed.Last);
        Assert.Equal(values.Max(), elapsed.P95);

        // The after-run source was given the run's window and its series is kept as given.
        var window = Assert.IsType<TargetWindow>(after.Window);
        Assert.Equal(seconds, window.Ticks);
        Assert.Equal(run.Result.StartedUtc, window.StartedUtc);
        Assert.Equal(run.Result.EndedUtc, window.EndedUtc);
        var queried = target.Metrics.Single(m => m.Name == "queried");
        Assert.Equal("fake", queried.Source);
        Assert.Equal(seconds, queried.Series.Select(p => p.T));
        Assert.Equal(seconds.Count, target.Sources[1].Samples);
    }

    [Fact]
    public async Task RunAsync_NoWatchers_NoTargetSection()
    {
        await using var server = await TestHttpServer.StartOkAsync();
        var plan = TestPlans.Open(server.BaseAddress, rate: 20, seconds: 1);

        var run = await PacerEngine.RunAsync(plan, new EngineOptions(), CancellationToken.None);

        Assert.Null(run.Result.Target);
    }

    [Fact]
    public async Task RunAsync_FailingHangingAndSlowWatchers_NeitherStopNorSlowTheRun()
    {
        await using var server = await TestHttpServer.StartOkAsync();
        var plan = TestPlans.Open(server.BaseAddress, rate: 50, seconds: 4);
        var good = new ElapsedWatcher();
        var throwing = new ThrowingWatcher();
        var noStart = new StartFailsWatcher();
        var hanging = new HangingWatcher(honoursCancellation: true);
        var deaf = new HangingWatcher(honoursCancellation: false);
        var slow = new SlowWatcher(TimeSpan.FromMilliseconds(1500));
        var options = new EngineOptions { Watchers = [throwing, noStart, hanging, deaf, slow, good], WatchTimeouts = Short };

        var run = await PacerEngine.RunAsync(plan, options, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));

        var result = run.Result;
        Assert.False(result.Aborted, result.AbortReason);
        Assert.Null(run.Fault);
        Assert.True(result.DurationSeconds < 6, $"{result.DurationSeconds} s");
        Assert.Equal(200, result.Metrics["http_reqs"].Count);
        var target = Assert.IsType<TargetResult>(result.Target);
        var sources = target.Sources.ToDictionary(s => s.Address);

        // The one that throws at every sample: one error line with its count, and no readings.
        var thrown = Assert.Single(sources["throwing"].Errors);
        Assert.Matches(@"^\d+× connection refused$", thrown);
        Assert.Equal(0, sources["throwing"].Samples);

        // The one whose start failed was never sampled.
        Assert.Equal(["starting to watch: no such process"], sources["no-start"].Errors);
        Assert.Equal(0, noStart.Samples);

        // The hanging ones took the first second, skipped the rest, and were abandoned at the end; the cooperative one saw its
        // token cancelled.
        foreach (var name in new[] { "hanging", "deaf" })
        {
            Assert.Contains(sources[name].Errors, e => e.Contains("a second was skipped", StringComparison.Ordinal));
            Assert.Contains(sources[name].Errors, e => e.Contains("abandoned", StringComparison.Ordinal));
        }

        Assert.Equal(1, hanging.Calls);
        await hanging.Cancelled.Task.WaitAsync(TimeSpan.FromSeconds(10));

        // The slow one gave readings on the seconds it was free for, each keyed to a second of the series.
        var seconds = result.Series.Select(s => s.T).ToHashSet();
        var slowSeries = target.Metrics.Single(m => m.Name == "slow").Series;
        Assert.NotEmpty(slowSeries);
        Assert.All(slowSeries, p => Assert.Contains(p.T, seconds));
        Assert.Contains(sources["slow"].Errors, e => e.Contains("a second was skipped", StringComparison.Ordinal));

        // The good one saw every second, unaffected by the others.
        Assert.Equal(result.Series.Select(s => s.T), target.Metrics.Single(m => m.Name == "elapsed").Series.Select(p => p.T));
        Assert.Empty(sources["elapsed"].Errors);
        Assert.True(good.Disposed && throwing.Disposed && noStart.Disposed && slow.Disposed);
    }

    [Fact]
    public async Task RunAsync_BadReadings_AreErrorsNotValues_AndNotesAreNotes()
    {
        await using var server = await TestHttpServer.StartOkAsync();
        var plan = TestPlans.Open(server.BaseAddress, rate: 20, seconds: 2);

        var run = await PacerEngine.RunAsync(plan, new EngineOptions { Watchers = [new BadReadingsWatcher()] }, CancellationToken.None);

        var target = Assert.IsType<TargetResult>(run.Result.Target);
        var metric = Assert.Single(target.Metrics);
        Assert.Equal("good", metric.Name);
        var errors = target.Sources[0].Errors;
        Assert.Contains(errors, e => e.Contains("nan read NaN", StringComparison.Ordinal) && e.Contains("not a number", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("good changed its unit from count to bytes", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("without a metric name", StringComparison.Ordinal));
        // A note says what the figures mean; it is kept apart from what went wrong, once however often it is given.
        Assert.DoesNotContain(errors, e => e.Contains("memory.max", StringComparison.Ordinal));
        Assert.Equal(["memory.max is missing"], target.Sources[0].Notes);
    }

    [Fact]
    public async Task RunAsync_NullWatcher_IsRejectedBeforeLoad()
    {
        await using var server = await TestHttpServer.StartOkAsync();
        var plan = TestPlans.Open(server.BaseAddress, rate: 20, seconds: 1);

        await Assert.ThrowsAsync<ArgumentException>(() => PacerEngine.RunAsync(plan, new EngineOptions { Watchers = [null!] }, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentNullException>(() => PacerEngine.RunAsync(plan, new EngineOptions { Watchers = null! }, CancellationToken.None));
    }

    private abstract class FakeWatcher(string address) : ITargetWatcher
    {
        public TargetSource Source { get; } = new("fake", address);

        public bool Started { get; private set; }

        public bool Disposed { get; private set; }

        public virtual ValueTask StartAsync(CancellationToken cancellationToken)
        {
            Started = true;
            return ValueTask.CompletedTask;
        }

        public abstract ValueTask<IReadOnlyList<TargetReading>> SampleAsync(TimeSpan elapsed, CancellationToken cancellationToken);

        public virtual ValueTask<IReadOnlyList<TargetSeries>> AfterRunAsync(TargetWindow window, CancellationToken cancellationToken) =>
            ValueTask.FromResult<IReadOnlyList<TargetSeries>>([]);

        public ValueTask DisposeAsync()
        {
            Disposed = true;
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>Reads the elapsed seconds it is given, so a test sees which second each reading was put on.</summary>
    private sealed class ElapsedWatcher() : FakeWatcher("elapsed")
    {
        public override ValueTask<IReadOnlyList<TargetReading>> SampleAsync(TimeSpan elapsed, CancellationToken cancellationToken) =>
            ValueTask.FromResult<IReadOnlyList<TargetReading>>([new("elapsed", elapsed.TotalSeconds, TargetUnit.Cores, 2)]);
    }

    private sealed class AfterRunWatcher() : FakeWatcher("after")
    {
        public TargetWindow? Window { get; private set; }

        public override ValueTask<IReadOnlyList<TargetReading>> SampleAsync(TimeSpan elapsed, CancellationToken cancellationToken) =>
            ValueTask.FromResult<IReadOnlyList<TargetReading>>([]);

        public override ValueTask<IReadOnlyList<TargetSeries>> AfterRunAsync(TargetWindow window, CancellationToken cancellationToken)
        {
            Window = window;
            return ValueTask.FromResult<IReadOnlyList<TargetSeries>>([new("queried", TargetUnit.Milliseconds, [.. window.Ticks.Select(t => new TargetPoint(t, 7))])]);
        }
    }

    private sealed class ThrowingWatcher() : FakeWatcher("throwing")
    {
        public override ValueTask<IReadOnlyList<TargetReading>> SampleAsync(TimeSpan elapsed, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("connection refused");
    }

    private sealed class StartFailsWatcher() : FakeWatcher("no-start")
    {
        public int Samples { get; private set; }

        public override ValueTask StartAsync(CancellationToken cancellationToken) => throw new InvalidOperationException("no such process");

        public override ValueTask<IReadOnlyList<TargetReading>> SampleAsync(TimeSpan elapsed, CancellationToken cancellationToken)
        {
            Samples++;
            return ValueTask.FromResult<IReadOnlyList<TargetReading>>([]);
        }
    }

    /// <summary>Never returns from its first sample; the deaf one does not even listen to its token.</summary>
    private sealed class HangingWatcher(bool honoursCancellation) : FakeWatcher(honoursCancellation ? "hanging" : "deaf")
    {
        private int calls;

        public int Calls => Volatile.Read(ref calls);

        public TaskCompletionSource Cancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override async ValueTask<IReadOnlyList<TargetReading>> SampleAsync(TimeSpan elapsed, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref calls);
            if (!honoursCancellation)
            {
                await new TaskCompletionSource().Task;
            }

            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            finally
            {
                Cancelled.TrySetResult();
            }

            return [];
        }
    }

    /// <summary>Takes longer than a second for every sample.</summary>
    private sealed class SlowWatcher(TimeSpan pause) : FakeWatcher("slow")
    {
        public override async ValueTask<IReadOnlyList<TargetReading>> SampleAsync(TimeSpan elapsed, CancellationToken cancellationToken)
        {
            // A stand-in for a sample that is slow to answer: the pause is what is tested, not a wait for something to happen.
            await Task.Delay(pause, cancellationToken);
            return [new("slow", 1, TargetUnit.Count)];
        }
    }

    private sealed class BadReadingsWatcher() : FakeWatcher("bad"), ITargetWatcherNotes
    {
        private int notes;

        public IReadOnlyList<string> TakeNotes() => Interlocked.Increment(ref notes) == 2 ? ["memory.max is missing"] : [];

        public override ValueTask<IReadOnlyList<TargetReading>> SampleAsync(TimeSpan elapsed, CancellationToken cancellationToken) =>
            ValueTask.FromResult<IReadOnlyList<TargetReading>>(
            [
                new("good", 1, TargetUnit.Count),
                new("good", 2, TargetUnit.Bytes),
                new("nan", double.NaN, TargetUnit.Count),
                new("", 1, TargetUnit.Count),
            ]);
    }
}
