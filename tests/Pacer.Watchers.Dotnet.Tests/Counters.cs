namespace Pacer.Watchers.Dotnet.Tests;

/// <summary>Counter payloads shaped as a .NET 10 runtime sends them (field names and units copied from a live session).</summary>
internal static class Counters
{
    public static Dictionary<string, object> Gauge(string name, double mean, string units = "", double interval = 1.0) => new()
    {
        ["Name"] = name,
        ["DisplayName"] = name,
        ["Mean"] = mean,
        ["StandardDeviation"] = 0.0,
        ["Count"] = 1,
        ["Min"] = mean,
        ["Max"] = mean,
        // The runtime sends the interval as a float; tests use intervals a float holds exactly.
        ["IntervalSec"] = (float)interval,
        ["Series"] = "Interval=1000",
        ["CounterType"] = "Mean",
        ["Metadata"] = string.Empty,
        ["DisplayUnits"] = units,
    };

    public static Dictionary<string, object> Sum(string name, double increment, string units = "", double interval = 1.0) => new()
    {
        ["Name"] = name,
        ["DisplayName"] = name,
        ["DisplayRateTimeScale"] = "00:00:01",
        ["Increment"] = increment,
        ["IntervalSec"] = (float)interval,
        ["Metadata"] = string.Empty,
        ["Series"] = "Interval=1000",
        ["CounterType"] = "Sum",
        ["DisplayUnits"] = units,
    };

    /// <summary>One complete interval of every counter the watcher reads.</summary>
    public static IReadOnlyDictionary<string, CounterPayload> Batch(
        double heapMb = 85.749936,
        double gen0 = 3,
        double gen1 = 1,
        double gen2 = 0,
        double pauseMs = 5.852,
        double queue = 0,
        double threads = 4,
        double exceptions = 0,
        double allocated = 1_000_000,
        double interval = 1.0)
    {
        var fields = new[]
        {
            Gauge("gc-heap-size", heapMb, "MB", interval),
            Sum("gen-0-gc-count", gen0, interval: interval),
            Sum("gen-1-gc-count", gen1, interval: interval),
            Sum("gen-2-gc-count", gen2, interval: interval),
            Sum("total-pause-time-by-gc", pauseMs, "ms", interval),
            Gauge("threadpool-queue-length", queue, interval: interval),
            Gauge("threadpool-thread-count", threads, interval: interval),
            Sum("exception-count", exceptions, interval: interval),
            Sum("alloc-rate", allocated, "B", interval),
        };
        return fields.Select(f => CounterPayload.TryRead(f)!).ToDictionary(p => p.Name, StringComparer.Ordinal);
    }
}
