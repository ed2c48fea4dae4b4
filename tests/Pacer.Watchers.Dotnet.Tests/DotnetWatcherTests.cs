using System.Diagnostics;
using Pacer.Core.Monitoring;

namespace Pacer.Watchers.Dotnet.Tests;

public sealed class DotnetWatcherTests
{
    private static readonly string[] StandardNames =
    [
        "dotnet_gc_heap", "dotnet_gc_gen0", "dotnet_gc_gen1", "dotnet_gc_gen2", "dotnet_gc_time",
        "dotnet_threadpool_queue", "dotnet_threadpool_threads", "dotnet_exceptions", "dotnet_alloc_rate",
    ];

    [Fact]
    public async Task Sample_DemoTargetUnderLoad_GivesEveryStandardMetricWithSaneValues()
    {
        await using var target = await ChildProcess.StartDemoTargetAsync();
        await using var watcher = new DotnetWatcher(target.Id);
        await watcher.StartAsync(CancellationToken.None);
        Assert.Equal(new TargetSource("dotnet", target.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), watcher.Source);

        using var stopLoad = new CancellationTokenSource();
        var load = LoadAsync(target.BaseAddress!, stopLoad.Token);
        var seen = new List<TargetReading>();
        try
        {
            // Polls once a second, as the engine does, until every metric came and allocation was seen under load.
            using var tick = new PeriodicTimer(TimeSpan.FromSeconds(1));
            var deadline = Stopwatch.StartNew();
            while (deadline.Elapsed < TimeSpan.FromSeconds(30)
                   && !(StandardNames.All(n => seen.Any(r => r.Metric == n)) && seen.Any(r => r.Metric == "dotnet_alloc_rate" && r.Value > 0)))
            {
                await tick.WaitForNextTickAsync();
                seen.AddRange(await watcher.SampleAsync(deadline.Elapsed, CancellationToken.None));
            }
        }
        finally
        {
            await stopLoad.CancelAsync();
            await load;
        }

        Assert.All(StandardNames, n => Assert.Contains(seen, r => r.Metric == n));
        Assert.All(seen.Where(r => r.Metric == "dotnet_gc_heap"), r => Assert.True(r.Value > 0, $"heap {r.Value}"));
        Assert.All(seen.Where(r => r.Metric == "dotnet_threadpool_threads"), r => Assert.True(r.Value >= 1, $"threads {r.Value}"));
        Assert.All(seen.Where(r => r.Metric == "dotnet_gc_time"), r => Assert.InRange(r.Value, 0, 1));
        Assert.All(seen.Where(r => r.Metric is not "dotnet_gc_time"), r => Assert.True(r.Value >= 0 && double.IsFinite(r.Value), $"{r.Metric} {r.Value}"));
        Assert.Contains(seen, r => r.Metric == "dotnet_alloc_rate" && r.Value > 0);
        Assert.All(seen, r => Assert.Equal(Unit(r.Metric), r.Unit));
    }

    [Fact]
    public async Task Sample_TargetExitsWhileWatched_IsASourceErrorAtOnce()
    {
        await using var target = await ChildProcess.StartDemoTargetAsync();
        await using var watcher = new DotnetWatcher(target.Id);
        await watcher.StartAsync(CancellationToken.None);
        await WaitForReadingsAsync(watcher);

        target.Process.Kill();
        await target.Process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));

        // Each sample only reads what arrived, so it answers at once; the session's end is seen within a few seconds.
        var error = await PollUntilThrowsAsync(watcher, TimeSpan.FromSeconds(15));
        Assert.IsType<InvalidOperationException>(error);
        Assert.Equal($"pid {target.Id} exited", error.Message);
        await watcher.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task Sample_TargetSuspended_SaysNoCountersCame()
    {
        await using var target = await ChildProcess.StartDemoTargetAsync();
        await using var watcher = new DotnetWatcher(target.Id);
        await watcher.StartAsync(CancellationToken.None);
        await WaitForReadingsAsync(watcher);

        await target.SignalAsync("STOP");
        Exception error;
        try
        {
            error = await PollUntilThrowsAsync(watcher, DotnetWatcher.Silence + TimeSpan.FromSeconds(10));
        }
        finally
        {
            await target.SignalAsync("CONT");
        }

        Assert.IsType<TimeoutException>(error);
        Assert.Equal($"no counters from pid {target.Id} for over 5 s (is the runtime suspended?)", error.Message);
    }

    [Fact]
    public async Task Start_RuntimeSuspended_GivesUpWithinItsBound()
    {
        // A stopped process still has its socket listening (the kernel accepts the connection) but never answers.
        await using var target = await ChildProcess.StartDemoTargetAsync();
        await target.SignalAsync("STOP");
        try
        {
            await using var watcher = new DotnetWatcher(target.Id);
            var starting = Stopwatch.StartNew();

            var error = await Assert.ThrowsAsync<TimeoutException>(() => watcher.StartAsync(CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(30)));

            Assert.Equal($"pid {target.Id}: the .NET runtime did not answer on its diagnostic port within 5 s", error.Message);
            Assert.True(starting.Elapsed < DotnetWatcher.ConnectTimeout + TimeSpan.FromSeconds(5), $"start took {starting.Elapsed}");
        }
        finally
        {
            await target.SignalAsync("CONT");
        }
    }

    [Fact]
    public async Task Start_NotDotnet_ThrowsTheProblem()
    {
        await using var sleep = ChildProcess.Start("sleep", "30");
        await using var watcher = new DotnetWatcher(sleep.Id);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => watcher.StartAsync(CancellationToken.None).AsTask());

        Assert.Equal(DotnetProcess.Problem(sleep.Id), error.Message);
    }

    [Fact]
    public async Task Sample_NotStarted_Throws()
    {
        await using var watcher = new DotnetWatcher(1);

        await Assert.ThrowsAsync<InvalidOperationException>(() => watcher.SampleAsync(TimeSpan.FromSeconds(1), CancellationToken.None).AsTask());
    }

    [Fact]
    public async Task Dispose_WhileWatching_EndsTheSessionPromptly()
    {
        await using var target = await ChildProcess.StartDemoTargetAsync();
        var watcher = new DotnetWatcher(target.Id);
        await watcher.StartAsync(CancellationToken.None);
        await WaitForReadingsAsync(watcher);

        var stopping = Stopwatch.StartNew();
        await watcher.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(15));

        // A clean stop waits out no bound (a shared, busy test machine gets one bound's worth of slack).
        Assert.True(stopping.Elapsed < 2 * DotnetWatcher.StopTimeout, $"stopping took {stopping.Elapsed}");
        Assert.False(target.Process.HasExited);

        // The runtime was left able to serve the next session.
        await using var again = new DotnetWatcher(target.Id);
        await again.StartAsync(CancellationToken.None);
        await WaitForReadingsAsync(again);
    }

    private static TargetUnit Unit(string metric) => metric switch
    {
        "dotnet_gc_heap" => TargetUnit.Bytes,
        "dotnet_gc_time" => TargetUnit.Ratio,
        "dotnet_threadpool_queue" or "dotnet_threadpool_threads" => TargetUnit.Count,
        "dotnet_alloc_rate" => TargetUnit.BytesPerSecond,
        _ => TargetUnit.PerSecond,
    };

    private static async Task WaitForReadingsAsync(DotnetWatcher watcher)
    {
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(20))
        {
            if ((await watcher.SampleAsync(deadline.Elapsed, CancellationToken.None)).Count > 0)
            {
                return;
            }

            await tick.WaitForNextTickAsync();
        }

        Assert.Fail("no readings within 20 s");
    }

    private static async Task<Exception> PollUntilThrowsAsync(DotnetWatcher watcher, TimeSpan bound)
    {
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < bound)
        {
            var call = Stopwatch.StartNew();
            try
            {
                await watcher.SampleAsync(deadline.Elapsed, CancellationToken.None);
            }
            catch (Exception e) when (e is InvalidOperationException or TimeoutException)
            {
                Assert.True(call.Elapsed < TimeSpan.FromSeconds(1), $"the failing sample took {call.Elapsed}");
                return e;
            }

            await tick.WaitForNextTickAsync();
        }

        throw new Xunit.Sdk.XunitException($"no error within {bound}");
    }

    /// <summary>Requests to the demo target until stopped, at most 20,000 of them, two at a time.</summary>
    private static async Task LoadAsync(Uri baseAddress, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var sent = 0;
        async Task Lane()
        {
            while (!cancellationToken.IsCancellationRequested && Interlocked.Increment(ref sent) <= 20_000)
            {
                try
                {
                    using var response = await client.GetAsync(new Uri("health", UriKind.Relative), cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }

        await Task.WhenAll(Lane(), Lane());
    }
}
