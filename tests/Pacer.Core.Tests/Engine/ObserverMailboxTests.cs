using Pacer.Core.Engine;
using Pacer.Core.Results;

namespace Pacer.Core.Tests.Engine;

/// <summary>One observer's queue, without a run: posting never waits for the observer, and what a slow one misses is counted.</summary>
public sealed class ObserverMailboxTests
{
    [Fact]
    public async Task Post_WhileTheObserverIsBusy_NeverWaitsAndDropsTheOldestUnreadTicks()
    {
        var observer = new GatedObserver();
        var mailbox = new ObserverMailbox(observer, capacity: 2, TimeProvider.System);
        mailbox.Start(Started());
        mailbox.Post(Tick(1));
        await observer.InFirstTick.Task.WaitAsync(TimeSpan.FromSeconds(30));

        // The observer holds tick 1: the ticker's posts return at once; the queue keeps the two newest.
        for (var second = 2; second <= 1001; second++)
        {
            mailbox.Post(Tick(second));
        }

        observer.Release.SetResult();
        mailbox.Complete(null);
        await mailbox.DrainAsync(TimeSpan.FromSeconds(30));

        Assert.Equal([1, 1000, 1001], observer.Seen);
        var warning = Assert.Single(mailbox.TakeWarnings());
        Assert.Contains("998 tick(s)", warning, StringComparison.Ordinal);
        Assert.Empty(mailbox.TakeWarnings());
    }

    private static RunStarted Started() =>
        new(TestPlans.Open(new Uri("http://127.0.0.1:9/"), 1, 1), "open", "test", new RunStopHandle(new Core.Running.StopSignal()));

    private static RunTick Tick(int second) => new()
    {
        Elapsed = TimeSpan.FromSeconds(second),
        Planned = TimeSpan.FromSeconds(2000),
        IntervalSeconds = 1,
        All = new IntervalFigures(RunTick.AllName, 0, 0, 0, 0, null, 0, 0, 0),
        Requests = [],
        Vus = 0,
        Dropped = 0,
        DataSent = 0,
        DataReceived = 0,
        TotalRequests = 0,
        TotalErrors = 0,
        LagSamples = 0,
        LateSamples = 0,
        LagP99 = 0,
    };

    private sealed class GatedObserver : IRunObserver
    {
        public TaskCompletionSource InFirstTick { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public List<int> Seen { get; } = [];

        public ValueTask OnStartedAsync(RunStarted started, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public async ValueTask OnTickAsync(RunTick tick, CancellationToken cancellationToken)
        {
            Seen.Add((int)tick.Elapsed.TotalSeconds);
            InFirstTick.TrySetResult();
            await Release.Task;
        }

        public ValueTask OnCompletedAsync(RunResult result, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }
}
