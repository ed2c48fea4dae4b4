using Pacer.Core.Monitoring;

namespace Pacer.Watchers.Dotnet;

/// <summary>
/// Turns the runtime's counter batches into the standard <c>dotnet_*</c> readings (docs/watching.md). Gauges are the latest
/// batch's values; rates are the increments of every batch since the last reading divided by the intervals the runtime
/// measured for them, so a second with two batches averages both and a second with none gives no rate at all (never a
/// repeated one). Not thread-safe: the watcher holds a lock around it.
/// </summary>
internal sealed class DotnetReadings
{
    private readonly Dictionary<string, (double Sum, double Seconds)> _increments = new(StringComparer.Ordinal);
    private IReadOnlyDictionary<string, CounterPayload>? _latest;
    private int _batchesSinceTake;

    /// <summary>Batches added since the last <see cref="Take"/>.</summary>
    public int BatchesSinceTake => _batchesSinceTake;

    /// <summary>Adds one complete batch.</summary>
    public void Add(IReadOnlyDictionary<string, CounterPayload> batch)
    {
        _latest = batch;
        _batchesSinceTake++;
        foreach (var payload in batch.Values.Where(p => p.IsIncrement))
        {
            var (sum, seconds) = _increments.GetValueOrDefault(payload.Name);
            _increments[payload.Name] = (sum + payload.Value, seconds + payload.IntervalSeconds);
        }
    }

    /// <summary>The readings for the time since the last call: gauges from the latest batch, rates over the batches since.</summary>
    public IReadOnlyList<TargetReading> Take()
    {
        var readings = new List<TargetReading>(9);
        if (_latest is null)
        {
            return readings;
        }

        if (Gauge(RuntimeCounters.GcHeapSize) is { } heap && ToBytes(heap.Value, heap.Units) is { } bytes)
        {
            readings.Add(new TargetReading("dotnet_gc_heap", bytes, TargetUnit.Bytes));
        }

        if (_batchesSinceTake > 0)
        {
            AddRates(readings);
        }

        if (Gauge(RuntimeCounters.ThreadPoolQueue) is { } queue)
        {
            readings.Add(new TargetReading("dotnet_threadpool_queue", queue.Value, TargetUnit.Count));
        }

        if (Gauge(RuntimeCounters.ThreadPoolThreads) is { } threads)
        {
            readings.Add(new TargetReading("dotnet_threadpool_threads", threads.Value, TargetUnit.Count));
        }

        if (_batchesSinceTake > 0 && Rate(RuntimeCounters.Exceptions) is { } exceptions)
        {
            readings.Add(new TargetReading("dotnet_exceptions", exceptions, TargetUnit.PerSecond));
        }

        if (_batchesSinceTake > 0 && Rate(RuntimeCounters.AllocatedBytes) is { } allocated)
        {
            readings.Add(new TargetReading("dotnet_alloc_rate", allocated, TargetUnit.BytesPerSecond));
        }

        _increments.Clear();
        _batchesSinceTake = 0;
        return readings;
    }

    private void AddRates(List<TargetReading> readings)
    {
        // The runtime's gen-N count is GC.CollectionCount(N), which counts a gen 2 collection under gen 0 and 1 as well; each
        // collection is counted once here, under the highest generation it collected. The three are polled one after the
        // other, so a collection between two polls can make one interval's difference -1: it is counted in the next.
        if (_increments.TryGetValue(RuntimeCounters.Gen0Count, out var gen0)
            && _increments.TryGetValue(RuntimeCounters.Gen1Count, out var gen1)
            && _increments.TryGetValue(RuntimeCounters.Gen2Count, out var gen2))
        {
            readings.Add(new TargetReading("dotnet_gc_gen0", Math.Max(0, gen0.Sum - gen1.Sum) / gen0.Seconds, TargetUnit.PerSecond));
            readings.Add(new TargetReading("dotnet_gc_gen1", Math.Max(0, gen1.Sum - gen2.Sum) / gen1.Seconds, TargetUnit.PerSecond));
            readings.Add(new TargetReading("dotnet_gc_gen2", gen2.Sum / gen2.Seconds, TargetUnit.PerSecond));
        }

        // Time paused by GC over wall time, from GC.GetTotalPauseDuration: a true share of each interval, unlike the runtime's
        // "time-in-gc", which is the last collection's share of the time since the one before and repeats itself between
        // collections. The pause total and the interval are read at slightly different instants, so a share just above 1 is
        // measurement skew, not more than all of the time.
        if (_increments.TryGetValue(RuntimeCounters.PauseTime, out var paused)
            && Units(RuntimeCounters.PauseTime) == "ms")
        {
            readings.Add(new TargetReading("dotnet_gc_time", Math.Clamp(paused.Sum / 1000 / paused.Seconds, 0, 1), TargetUnit.Ratio));
        }
    }

    private CounterPayload? Gauge(string name) =>
        _latest is not null && _latest.TryGetValue(name, out var payload) && !payload.IsIncrement ? payload : null;

    private string? Units(string name) => _latest is not null && _latest.TryGetValue(name, out var payload) ? payload.Units : null;

    private double? Rate(string name) =>
        _increments.TryGetValue(name, out var total) && total.Seconds > 0 ? total.Sum / total.Seconds : null;

    /// <summary>
    /// The runtime writes sizes in decimal units (gc-heap-size is <c>GC.GetTotalMemory / 1,000,000</c>, shown as MB); a unit
    /// it has never used gives no reading rather than a guessed one.
    /// </summary>
    internal static double? ToBytes(double value, string units) => units switch
    {
        "B" => value,
        "kB" or "KB" => value * 1e3,
        "MB" => value * 1e6,
        "GB" => value * 1e9,
        _ => null,
    };
}
