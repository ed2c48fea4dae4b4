using System.Threading.Channels;
using Pacer.Core.Results;

namespace Pacer.Core.Engine;

/// <summary>
/// One observer's queue and the task that empties it, so an observer never runs on the engine's ticker. Ticks go through a
/// bounded queue that drops the oldest when full (a slow observer loses old seconds, counted, rather than holding up the run
/// or growing without bound); the start and the end are handed over apart from it and never dropped. The first exception the
/// observer throws ends its deliveries and becomes one warning.
/// </summary>
internal sealed class ObserverMailbox
{
    private readonly IRunObserver observer;
    private readonly Channel<RunTick> ticks;
    private readonly TaskCompletionSource<RunResult?> completed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource giveUp = new();
    private readonly List<string> warnings = [];
    private long dropped;
    private long droppedReported;
    private int failed;
    private readonly TimeProvider time;
    private Task pump = Task.CompletedTask;

    public ObserverMailbox(IRunObserver observer, int capacity, TimeProvider time)
    {
        this.observer = observer;
        this.time = time;
        ticks = Channel.CreateBounded<RunTick>(
            new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true, SingleWriter = true },
            _ => Interlocked.Increment(ref dropped));
    }

    private string Name => observer.GetType().Name;

    /// <summary>Starts delivering: <paramref name="started"/> first, then ticks as they come, then the result.</summary>
    public void Start(RunStarted started) => pump = Task.Run(() => PumpAsync(started));

    /// <summary>Queues a tick without waiting (the ticker's side); the oldest unread one is dropped when the queue is full.</summary>
    public void Post(RunTick tick)
    {
        if (Volatile.Read(ref failed) == 0)
        {
            ticks.Writer.TryWrite(tick);
        }
    }

    /// <summary>No more ticks: the run is over.</summary>
    public void CloseTicks() => ticks.Writer.TryComplete();

    /// <summary>Delivers the result once the ticks before it have been; null ends the deliveries without one (the run never started).</summary>
    public void Complete(RunResult? result)
    {
        CloseTicks();
        completed.TrySetResult(result);
    }

    /// <summary>Waits until the observer has had everything, or <paramref name="timeout"/> has passed (then it is cancelled and said so).</summary>
    public async Task DrainAsync(TimeSpan timeout)
    {
        if (await Task.WhenAny(pump, Task.Delay(timeout, time)) != pump)
        {
            // Not a precise wait: this only bounds how long a stuck observer can hold up the end of a run.
            Report($"observer {Name} had not finished {timeout.TotalSeconds:0.#} s after the run ended; it was cancelled and the run did not wait for it");
            await giveUp.CancelAsync();
        }
    }

    /// <summary>Warnings not taken before: a failure, dropped ticks, a stuck observer. Each is reported once.</summary>
    public IReadOnlyList<string> TakeWarnings()
    {
        var lost = Interlocked.Read(ref dropped) - droppedReported;
        if (lost > 0)
        {
            droppedReported += lost;
            Report($"observer {Name} was slower than the run: {lost} tick(s) it had not read were dropped for it (the run did not wait)");
        }

        lock (warnings)
        {
            var taken = warnings.ToList();
            warnings.Clear();
            return taken;
        }
    }

    private async Task PumpAsync(RunStarted started)
    {
        var token = giveUp.Token;
        try
        {
            await observer.OnStartedAsync(started, token);
            await foreach (var tick in ticks.Reader.ReadAllAsync(token))
            {
                await observer.OnTickAsync(tick, token);
            }

            if (await completed.Task.WaitAsync(token) is { } result)
            {
                await observer.OnCompletedAsync(result, token);
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // The engine gave up waiting for this observer; DrainAsync has said so.
        }
        catch (Exception e)
        {
            // Isolated: an observer's bug must not stop the run or other observers. It is said once, in the result's warnings,
            // and the observer gets nothing more.
            Volatile.Write(ref failed, 1);
            Report($"observer {Name} failed and was not called again: {e.GetType().Name}: {e.Message}");
        }
    }

    private void Report(string warning)
    {
        lock (warnings)
        {
            warnings.Add(warning);
        }
    }
}
