using System.Collections.Concurrent;
using Pacer.Core.Engine;
using Pacer.Core.Results;
using Pacer.Core.Tests.TestServers;
using Pacer.Core.Transport;

namespace Pacer.Core.Tests.Engine;

/// <summary>
/// The public engine end to end, against a server the test starts on 127.0.0.1: what observers get, and that they can neither
/// stall nor kill a run.
/// </summary>
public sealed class PacerEngineTests
{
    [Fact]
    public async Task RunAsync_TicksMatchTheResultsPerSecondSeries()
    {
        await using var server = await TestHttpServer.StartOkAsync();
        var plan = TestPlans.Open(server.BaseAddress, rate: 100, seconds: 3);
        var recorder = new RecordingObserver();

        var run = await PacerEngine.RunAsync(plan, new EngineOptions { Observers = [recorder] }, CancellationToken.None);

        var series = run.Result.Series;
        Assert.NotEmpty(recorder.Ticks);
        Assert.Same(run.Result, recorder.Completed);
        Assert.Equal("test", recorder.Started!.Plan.Name);
        Assert.True(recorder.Ticks.Count <= series.Count, $"{recorder.Ticks.Count} ticks, {series.Count} seconds in the series");
        for (var i = 0; i < recorder.Ticks.Count; i++)
        {
            var tick = recorder.Ticks[i];
            var second = series[i];
            Assert.Equal(second.T, Math.Round(tick.Elapsed.TotalSeconds, 3));
            Assert.Equal(second.Requests, tick.All.Count);
            Assert.Equal(second.Errors, tick.All.Errors);
            Assert.Equal(second.Dropped, tick.Dropped);
            Assert.Equal(second.Active, tick.Vus);
            Assert.Equal(second.P50, tick.All.P50);
            Assert.Equal(second.P95, tick.All.P95);
            Assert.Equal(second.P99, tick.All.P99);
            Assert.Equal(second.Max, tick.All.Max);
            Assert.Equal(second.DataSent, tick.DataSent);
            Assert.Equal(second.DataReceived, tick.DataReceived);

            // The per-name figures add up to the whole, and with one name they are the whole.
            Assert.Equal(tick.All.Count, tick.Requests.Sum(r => r.Count));
            if (tick.Requests.SingleOrDefault() is { } only)
            {
                Assert.Equal("GET /", only.Name);
                Assert.Equal(tick.All.P99, only.P99);
                Assert.Equal(tick.All.Rate, only.Rate);
            }
        }

        Assert.Equal(series.Take(recorder.Ticks.Count).Sum(s => s.Requests), recorder.Ticks[^1].TotalRequests);
        Assert.DoesNotContain(run.Result.Warnings, w => w.Contains("observer", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_ThrowingObserver_IsReportedOnceAndTheRunGoesOn()
    {
        await using var server = await TestHttpServer.StartOkAsync();
        var plan = TestPlans.Open(server.BaseAddress, rate: 50, seconds: 3);
        var throwing = new ThrowingObserver();
        var recorder = new RecordingObserver();

        var run = await PacerEngine.RunAsync(plan, new EngineOptions { Observers = [throwing, recorder] }, CancellationToken.None);

        Assert.False(run.Result.Aborted, run.Result.AbortReason);
        Assert.Null(run.Fault);
        Assert.Equal(1, throwing.Calls);
        var warning = Assert.Single(run.Result.Warnings, w => w.Contains(nameof(ThrowingObserver), StringComparison.Ordinal));
        Assert.Contains("InvalidOperationException: observer bug", warning, StringComparison.Ordinal);

        // The other observer saw the whole run.
        Assert.True(recorder.Ticks.Count >= 2, $"{recorder.Ticks.Count} ticks");
        Assert.Same(run.Result, recorder.Completed);
    }

    [Fact]
    public async Task RunAsync_StuckObserver_DoesNotHoldUpTheRunOrTheOthers()
    {
        await using var server = await TestHttpServer.StartOkAsync();
        var plan = TestPlans.Open(server.BaseAddress, rate: 50, seconds: 3);
        var stuck = new StuckObserver();
        var recorder = new RecordingObserver();
        var options = new EngineOptions { Observers = [stuck, recorder], ObserverQueueLength = 1, ObserverDrainTimeout = TimeSpan.FromMilliseconds(200) };

        var run = await PacerEngine.RunAsync(plan, options, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

        // The stuck observer took its first tick and never returned; the run, the ticker and the other observer went on.
        Assert.True(stuck.Entered.Task.IsCompletedSuccessfully);
        Assert.True(recorder.Ticks.Count >= 2, $"{recorder.Ticks.Count} ticks");
        Assert.Contains(run.Result.Warnings, w => w.Contains($"observer {nameof(StuckObserver)} had not finished", StringComparison.Ordinal));

        // Its token was cancelled when the engine stopped waiting for it (the observer notices on its own task, a moment later).
        await stuck.Cancelled.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.False(run.Result.Aborted);
    }

    [Fact]
    public async Task RunAsync_ClosesTheConnectionsBeforeTheResultIsBuilt_AndKeepsTheTransportsFigures()
    {
        // The result, the summary and the reports reuse the load's memory instead of adding to it: the transport (its
        // connections and their buffers) is gone before the result exists, and what the result takes from it was kept.
        await using var server = await TestHttpServer.StartOkAsync();
        var plan = TestPlans.Open(server.BaseAddress, rate: 50, seconds: 1);
        DisposalWatchingTransport? transport = null;
        var recorder = new RecordingObserver();
        var disposedWhenCompleted = false;
        var options = new EngineOptions
        {
            Observers = [recorder, new CallbackObserver(() => disposedWhenCompleted = transport!.Disposed)],
            CreateTransport = p => transport = new DisposalWatchingTransport(Pacer.Core.Running.PlanTransport.Create(p, TransportChoice.Lean)),
        };

        var run = await PacerEngine.RunAsync(plan, options, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(disposedWhenCompleted);
        Assert.Equal(1, transport!.Disposals);
        Assert.Equal(transport.Name, run.Result.Environment.Transport);
        Assert.Equal(50, run.Result.Metrics["http_reqs"].Count);
    }

    [Fact]
    public async Task RunAsync_ObserverRequestsAStop_EndsTheRunAbortedWithItsReason()
    {
        await using var server = await TestHttpServer.StartOkAsync();
        var plan = TestPlans.Open(server.BaseAddress, rate: 50, seconds: 60);
        var stopper = new StopAtFirstTick();

        var run = await PacerEngine.RunAsync(plan, new EngineOptions { Observers = [stopper] }, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(run.Result.Aborted);
        Assert.Equal("seen enough", run.Result.AbortReason);
        Assert.False(run.Interrupted);
        Assert.Null(run.Fault);
        Assert.True(run.Result.DurationSeconds < 10, $"{run.Result.DurationSeconds} s");
        Assert.True(run.Result.Metrics["http_reqs"].Count > 0);
    }

    [Fact]
    public async Task RunAsync_CallerCancels_ReturnsThePartialResultInterrupted()
    {
        await using var server = await TestHttpServer.StartOkAsync();
        var plan = TestPlans.Open(server.BaseAddress, rate: 50, seconds: 60);
        using var cancel = new CancellationTokenSource();
        var canceller = new CancelAtFirstTick(cancel);

        var run = await PacerEngine.RunAsync(plan, new EngineOptions { Observers = [canceller] }, cancel.Token).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(run.Interrupted);
        Assert.True(run.Result.Aborted);
        Assert.Equal("interrupted by the user", run.Result.AbortReason);
        Assert.True(run.Result.Metrics["http_reqs"].Count > 0);
    }

    [Fact]
    public async Task RunAsync_InvalidOptions_ThrowBeforeAnyLoad()
    {
        var plan = TestPlans.Open(DeadPort.Url(), rate: 10, seconds: 1);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => PacerEngine.RunAsync(plan, new EngineOptions { ObserverQueueLength = 0 }, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => PacerEngine.RunAsync(plan, new EngineOptions { Observers = [null!] }, CancellationToken.None));
    }

    /// <summary>A transport that counts its disposals and says whether it has been disposed.</summary>
    private sealed class DisposalWatchingTransport(ITransport inner) : ITransport
    {
        private int disposals;

        public int Disposals => Volatile.Read(ref disposals);

        public bool Disposed => Disposals > 0;

        public string Name => inner.Name;

        public TransportCapabilities Capabilities => inner.Capabilities;

        public IReadOnlyDictionary<ErrorKind, string> FirstErrorExamples => inner.FirstErrorExamples;

        public ValueTask<TransportResult> ExchangeAsync(ExchangeRequest request, ExchangeResponse? response, long notBeforeTicks, CancellationToken cancellationToken) =>
            inner.ExchangeAsync(request, response, notBeforeTicks, cancellationToken);

        public ValueTask DisposeAsync()
        {
            Interlocked.Increment(ref disposals);
            return Disposals == 1 ? inner.DisposeAsync() : ValueTask.CompletedTask;
        }
    }

    /// <summary>Calls back when the run's result is published.</summary>
    private sealed class CallbackObserver(Action completed) : IRunObserver
    {
        public ValueTask OnStartedAsync(RunStarted started, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask OnTickAsync(RunTick tick, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask OnCompletedAsync(RunResult result, CancellationToken cancellationToken)
        {
            completed();
            return ValueTask.CompletedTask;
        }
    }

    private sealed class RecordingObserver : IRunObserver
    {
        public RunStarted? Started { get; private set; }

        public List<RunTick> Ticks { get; } = [];

        public RunResult? Completed { get; private set; }

        public ValueTask OnStartedAsync(RunStarted started, CancellationToken cancellationToken)
        {
            Started = started;
            return ValueTask.CompletedTask;
        }

        public ValueTask OnTickAsync(RunTick tick, CancellationToken cancellationToken)
        {
            Ticks.Add(tick);
            return ValueTask.CompletedTask;
        }

        public ValueTask OnCompletedAsync(RunResult result, CancellationToken cancellationToken)
        {
            Completed = result;
            return ValueTask.CompletedTask;
        }
    }

    private sealed class ThrowingObserver : IRunObserver
    {
        private int calls;

        public int Calls => Volatile.Read(ref calls);

        public ValueTask OnStartedAsync(RunStarted started, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask OnTickAsync(RunTick tick, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref calls);
            throw new InvalidOperationException("observer bug");
        }

        public ValueTask OnCompletedAsync(RunResult result, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref calls);
            throw new InvalidOperationException("observer bug at the end");
        }
    }

    private sealed class StuckObserver : IRunObserver
    {
        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Cancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ValueTask OnStartedAsync(RunStarted started, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public async ValueTask OnTickAsync(RunTick tick, CancellationToken cancellationToken)
        {
            Entered.TrySetResult();
            try
            {
                // Stuck until the engine gives up on it: a signal that never comes but the cancellation.
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            finally
            {
                Cancelled.TrySetResult();
            }
        }

        public ValueTask OnCompletedAsync(RunResult result, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }

    private sealed class StopAtFirstTick : IRunObserver
    {
        private RunStopHandle? stop;

        public ValueTask OnStartedAsync(RunStarted started, CancellationToken cancellationToken)
        {
            stop = started.Stop;
            return ValueTask.CompletedTask;
        }

        public ValueTask OnTickAsync(RunTick tick, CancellationToken cancellationToken)
        {
            if (tick.TotalRequests > 0)
            {
                stop!.RequestStop("seen enough");
            }

            return ValueTask.CompletedTask;
        }

        public ValueTask OnCompletedAsync(RunResult result, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }

    private sealed class CancelAtFirstTick(CancellationTokenSource cancel) : IRunObserver
    {
        public ValueTask OnStartedAsync(RunStarted started, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public async ValueTask OnTickAsync(RunTick tick, CancellationToken cancellationToken)
        {
            if (tick.TotalRequests > 0)
            {
                await cancel.CancelAsync();
            }
        }

        public ValueTask OnCompletedAsync(RunResult result, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }
}
