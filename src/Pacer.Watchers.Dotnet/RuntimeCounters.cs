namespace Pacer.Watchers.Dotnet;

/// <summary>The <c>System.Runtime</c> EventCounters the watcher reads (the names .NET 8, 9 and 10 emit; checked on a live .NET 10 target).</summary>
internal static class RuntimeCounters
{
    public const string Provider = "System.Runtime";

    /// <summary>Gauge: <c>GC.GetTotalMemory(false)</c> in decimal megabytes (10⁶ bytes).</summary>
    public const string GcHeapSize = "gc-heap-size";

    /// <summary>Counter: <c>GC.CollectionCount(0)</c> — every collection, since each one collects gen 0.</summary>
    public const string Gen0Count = "gen-0-gc-count";

    /// <summary>Counter: <c>GC.CollectionCount(1)</c> — gen 1 and gen 2 collections.</summary>
    public const string Gen1Count = "gen-1-gc-count";

    /// <summary>Counter: <c>GC.CollectionCount(2)</c>.</summary>
    public const string Gen2Count = "gen-2-gc-count";

    /// <summary>Counter: <c>GC.GetTotalPauseDuration()</c> in milliseconds (.NET 7 and later).</summary>
    public const string PauseTime = "total-pause-time-by-gc";

    /// <summary>Gauge: <c>ThreadPool.PendingWorkItemCount</c>.</summary>
    public const string ThreadPoolQueue = "threadpool-queue-length";

    /// <summary>Gauge: <c>ThreadPool.ThreadCount</c>.</summary>
    public const string ThreadPoolThreads = "threadpool-thread-count";

    /// <summary>Counter: exceptions thrown (first chance).</summary>
    public const string Exceptions = "exception-count";

    /// <summary>Counter: <c>GC.GetTotalAllocatedBytes()</c> in bytes.</summary>
    public const string AllocatedBytes = "alloc-rate";

    /// <summary>Every counter above: a batch holding all of them is complete without waiting for the next one.</summary>
    public static readonly IReadOnlySet<string> Read = new HashSet<string>(StringComparer.Ordinal)
    {
        GcHeapSize, Gen0Count, Gen1Count, Gen2Count, PauseTime, ThreadPoolQueue, ThreadPoolThreads, Exceptions, AllocatedBytes,
    };
}
