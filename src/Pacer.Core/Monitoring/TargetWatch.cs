using Pacer.Core.Recording;
using Pacer.Core.Results;

namespace Pacer.Core.Monitoring;

/// <summary>
/// The engine's side of its target watchers (<see cref="ITargetWatcher"/>): starts them just before load, samples each at
/// every tick on a task of its own, asks them for after-run series, and turns what they read into the result's
/// <see cref="TargetResult"/>. Nothing a watcher does — throw, hang, take longer than a second — stops or slows the run: the
/// ticker only hands work to the thread pool, a watcher still busy skips the second, and every wait on one is bounded.
/// </summary>
internal sealed class TargetWatch : IAsyncDisposable
{
    private readonly IReadOnlyList<SourceWatch> sources;
    private readonly TargetWatchTimeouts timeouts;
    private readonly TimeProvider time;
    private int disposed;
    private bool started;

    public TargetWatch(IReadOnlyList<ITargetWatcher> watchers, TargetWatchTimeouts timeouts, TimeProvider time)
    {
        this.timeouts = timeouts;
        this.time = time;
        sources = [.. watchers.Select((w, i) => new SourceWatch(w, SourceOf(w, i)))];
    }

    /// <summary>Starts every watcher at once, each bounded by <see cref="TargetWatchTimeouts.Start"/>; one that fails is reported and not sampled.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        started = true;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        await Task.WhenAll(sources.Select(s => StartOneAsync(s, linked.Token)));
    }

    /// <summary>The run's tick: samples every active watcher that is not still busy, each on the thread pool. Never waits.</summary>
    public void Tick(TimeSpan elapsed)
    {
        foreach (var source in sources)
        {
            Sample(source, elapsed);
        }
    }

    /// <summary>
    /// After load: the last sample (at <paramref name="end"/>, the run's last interval), the after-run series over
    /// <paramref name="window"/>, the result, then the watchers disposed.
    /// </summary>
    public async Task<TargetResult> FinishAsync(TimeSpan end, TargetWindow window, CancellationToken stopNow)
    {
        if (!started)
        {
            // The run ended before load could start (a lane failed while getting ready): nothing was watched, and that is said once.
            foreach (var source in sources)
            {
                source.Error("not watched: the run ended before load started");
                source.Active = false;
            }
        }

        await Task.WhenAll(sources.Select(s => LastSampleAsync(s, end, stopNow)));
        await Task.WhenAll(sources.Select(s => AfterRunAsync(s, window, stopNow)));
        var results = sources.Select(s => s.ToResult()).ToList();
        await DisposeAsync();
        return new TargetResult([.. results.Select(r => r.Source)], [.. results.SelectMany(r => r.Metrics)]);
    }

    /// <summary>Disposes every watcher once, each bounded by <see cref="TargetWatchTimeouts.Dispose"/>.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        await Task.WhenAll(sources.Select(async s =>
        {
            await s.Cancel.CancelAsync();
            await BoundedAsync(s, "stopping the watcher", timeouts.Dispose, () => s.Watcher.DisposeAsync().AsTask());
            s.Cancel.Dispose();
        }));
    }

    /// <summary>A watcher's source, read once; a watcher that cannot even say what it watches is still reported, by its type.</summary>
    private static TargetSource SourceOf(ITargetWatcher watcher, int index)
    {
        try
        {
            return watcher.Source ?? new TargetSource(watcher.GetType().Name, $"#{index + 1}");
        }
        catch (Exception e)
        {
            // Its Source getter is the watcher's code; the run only needs a name to report it under.
            return new TargetSource(watcher.GetType().Name, $"#{index + 1} ({e.Message})");
        }
    }

    private async Task StartOneAsync(SourceWatch source, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, source.Cancel.Token);
        var started = await BoundedAsync(source, "starting to watch", timeouts.Start, () => source.Watcher.StartAsync(linked.Token).AsTask(), linked);
        TakeNotes(source);
        if (!started)
        {
            // Whatever a failed start left behind cannot be trusted for deltas: this source gives no readings at all.
            source.Active = false;
        }
    }

    private void Sample(SourceWatch source, TimeSpan elapsed)
    {
        if (!source.Active)
        {
            return;
        }

        if (!source.TryBegin())
        {
            source.Error("a sample took longer than a second, so a second was skipped");
            return;
        }

        source.Began(Task.Run(() => SampleOneAsync(source, elapsed)));
    }

    private static async Task SampleOneAsync(SourceWatch source, TimeSpan elapsed)
    {
        try
        {
            var readings = await source.Watcher.SampleAsync(elapsed, source.Cancel.Token);
            var t = IntervalStats.SecondKey(elapsed.TotalSeconds);
            foreach (var reading in readings ?? [])
            {
                source.Add(t, reading.Metric, reading.Value, reading.Unit, reading.Limit);
            }
        }
        catch (OperationCanceledException) when (source.Cancel.IsCancellationRequested)
        {
            // Cancelled because the run stopped waiting for it; that was reported where it was decided.
        }
        catch (Exception e)
        {
            // A watcher's failure is its source's error, never the run's (ITargetWatcher's contract).
            source.Error(Message(e));
        }
        finally
        {
            TakeNotes(source);
            source.End();
        }
    }

    private async Task LastSampleAsync(SourceWatch source, TimeSpan end, CancellationToken stopNow)
    {
        if (!source.Active)
        {
            return;
        }

        if (source.Sampling is { IsCompleted: false } running)
        {
            var finished = await WaitAsync(running, timeouts.LastSample, stopNow);
            if (!finished)
            {
                source.Error($"a sample was still running when the run ended and was abandoned after {timeouts.LastSample.TotalSeconds:0.#} s");
                source.Active = false;
                await source.Cancel.CancelAsync();
                return;
            }
        }

        // The run's last interval (from the last tick to the end of the drain) gets its reading too, so the series covers the
        // same seconds as the latency series.
        if (source.TryBegin())
        {
            var last = Task.Run(() => SampleOneAsync(source, end), CancellationToken.None);
            source.Began(last);
            if (!await WaitAsync(last, timeouts.LastSample, stopNow))
            {
                source.Error($"the last sample did not finish within {timeouts.LastSample.TotalSeconds:0.#} s and was abandoned");
                source.Active = false;
                await source.Cancel.CancelAsync();
            }
        }
    }

    private async Task AfterRunAsync(SourceWatch source, TargetWindow window, CancellationToken stopNow)
    {
        if (!source.Active)
        {
            return;
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stopNow, source.Cancel.Token);
        IReadOnlyList<TargetSeries>? series = null;
        if (!await BoundedAsync(source, "reading after the run", timeouts.AfterRun, async () => series = await source.Watcher.AfterRunAsync(window, linked.Token), linked))
        {
            return;
        }

        TakeNotes(source);
        foreach (var one in series ?? [])
        {
            if (one is null)
            {
                continue;
            }

            foreach (var point in one.Points ?? [])
            {
                source.Add(point.T, one.Metric, point.Value, one.Unit, one.Limit);
            }
        }
    }

    /// <summary>
    /// Runs one call of a watcher's, waiting at most <paramref name="limit"/>; a failure or a timeout becomes the source's error
    /// (then <paramref name="cancel"/> is cancelled and the call is left to finish on its own). True when it completed.
    /// </summary>
    private async Task<bool> BoundedAsync(SourceWatch source, string what, TimeSpan limit, Func<Task> call, CancellationTokenSource? cancel = null)
    {
        Task task;
        try
        {
            task = call();
        }
        catch (Exception e)
        {
            // Thrown before its first await: the same failure as a faulted task.
            source.Error($"{what}: {Message(e)}");
            return false;
        }

        if (!await WaitAsync(task, limit, CancellationToken.None))
        {
            source.Error($"{what} did not finish within {limit.TotalSeconds:0.#} s");
            if (cancel is not null)
            {
                await cancel.CancelAsync();
            }

            // Observed later so that its eventual failure is not an unobserved task exception.
            _ = task.ContinueWith(static t => _ = t.Exception, TaskScheduler.Default);
            return false;
        }

        if (task.IsFaulted || task.IsCanceled)
        {
            source.Error($"{what}: {(task.Exception?.InnerException is { } e ? Message(e) : "cancelled")}");
            return false;
        }

        return true;
    }

    /// <summary>Waits for <paramref name="task"/> at most <paramref name="limit"/>, without throwing what it throws; true when it is done.</summary>
    private async Task<bool> WaitAsync(Task task, TimeSpan limit, CancellationToken stopNow)
    {
        try
        {
            await task.WaitAsync(limit, time, stopNow);
        }
        catch (Exception) when (task.IsCompleted)
        {
            // The task's own failure: the caller reads it from the task.
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            // Not done in time (or the user said stop now): the caller reports it and moves on.
        }

        return task.IsCompleted;
    }

    /// <summary>What a watcher noted without failing (<see cref="ITargetWatcherNotes"/>), as its source's notes.</summary>
    private static void TakeNotes(SourceWatch source)
    {
        if (source.Watcher is not ITargetWatcherNotes noting)
        {
            return;
        }

        try
        {
            foreach (var note in noting.TakeNotes())
            {
                source.Note(note);
            }
        }
        catch (Exception e)
        {
            // The watcher's code; its failure is one more of its errors.
            source.Error(Message(e));
        }
    }

    private static string Message(Exception e) =>
        string.IsNullOrWhiteSpace(e.Message) ? e.GetType().Name : e.Message.ReplaceLineEndings(" ").Trim();
}
