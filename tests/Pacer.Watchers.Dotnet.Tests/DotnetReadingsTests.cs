using Pacer.Core.Monitoring;

namespace Pacer.Watchers.Dotnet.Tests;

public sealed class DotnetReadingsTests
{
    private static readonly string[] StandardNames =
    [
        "dotnet_gc_heap", "dotnet_gc_gen0", "dotnet_gc_gen1", "dotnet_gc_gen2", "dotnet_gc_time",
        "dotnet_threadpool_queue", "dotnet_threadpool_threads", "dotnet_exceptions", "dotnet_alloc_rate",
    ];

    [Fact]
    public void Take_OneBatch_GivesEveryStandardMetricInItsUnit()
    {
        var readings = new DotnetReadings();
        readings.Add(Counters.Batch());

        var taken = readings.Take().ToDictionary(r => r.Metric);

        Assert.Equal(StandardNames.Order(StringComparer.Ordinal), taken.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(TargetUnit.Bytes, taken["dotnet_gc_heap"].Unit);
        Assert.Equal(TargetUnit.PerSecond, taken["dotnet_gc_gen0"].Unit);
        Assert.Equal(TargetUnit.PerSecond, taken["dotnet_gc_gen1"].Unit);
        Assert.Equal(TargetUnit.PerSecond, taken["dotnet_gc_gen2"].Unit);
        Assert.Equal(TargetUnit.Ratio, taken["dotnet_gc_time"].Unit);
        Assert.Equal(TargetUnit.Count, taken["dotnet_threadpool_queue"].Unit);
        Assert.Equal(TargetUnit.Count, taken["dotnet_threadpool_threads"].Unit);
        Assert.Equal(TargetUnit.PerSecond, taken["dotnet_exceptions"].Unit);
        Assert.Equal(TargetUnit.BytesPerSecond, taken["dotnet_alloc_rate"].Unit);
    }

    [Fact]
    public void Take_HeapInMegabytes_IsDecimalBytes()
    {
        // The runtime divides GC.GetTotalMemory by 1,000,000 and calls it MB.
        var readings = new DotnetReadings();
        readings.Add(Counters.Batch(heapMb: 85.749936));

        Assert.Equal(85_749_936, Value(readings.Take(), "dotnet_gc_heap"), 3);
    }

    [Fact]
    public void Take_PauseMilliseconds_AreAShareOfTheMeasuredInterval()
    {
        var readings = new DotnetReadings();
        readings.Add(Counters.Batch(pauseMs: 250, interval: 1.25));

        Assert.Equal(0.2, Value(readings.Take(), "dotnet_gc_time"), 9);
    }

    [Fact]
    public void Take_PauseJustOverTheInterval_IsAllOfTheTimeNotMore()
    {
        var readings = new DotnetReadings();
        readings.Add(Counters.Batch(pauseMs: 1003, interval: 1.0));

        Assert.Equal(1.0, Value(readings.Take(), "dotnet_gc_time"));
    }

    [Fact]
    public void Take_Collections_AreCountedOnceUnderTheHighestGenerationCollected()
    {
        // GC.CollectionCount(0) counts every collection: 7 in all, of which 3 reached gen 1 and 1 of those gen 2.
        var readings = new DotnetReadings();
        readings.Add(Counters.Batch(gen0: 7, gen1: 3, gen2: 1, interval: 0.5));

        var taken = readings.Take();

        Assert.Equal(8, Value(taken, "dotnet_gc_gen0"), 9);
        Assert.Equal(4, Value(taken, "dotnet_gc_gen1"), 9);
        Assert.Equal(2, Value(taken, "dotnet_gc_gen2"), 9);
    }

    [Fact]
    public void Take_TwoBatches_RatesOverBothIntervalsAndGaugesFromTheLatest()
    {
        var readings = new DotnetReadings();
        readings.Add(Counters.Batch(allocated: 3_000_000, exceptions: 10, threads: 4, interval: 1.0));
        readings.Add(Counters.Batch(allocated: 1_000_000, exceptions: 0, threads: 9, interval: 0.75));

        var taken = readings.Take();

        Assert.Equal(4_000_000 / 1.75, Value(taken, "dotnet_alloc_rate"), 3);
        Assert.Equal(10 / 1.75, Value(taken, "dotnet_exceptions"), 9);
        Assert.Equal(9, Value(taken, "dotnet_threadpool_threads"));
    }

    [Fact]
    public void Take_NoBatchSinceTheLastTake_GivesGaugesButNoRepeatedRate()
    {
        var readings = new DotnetReadings();
        readings.Add(Counters.Batch(allocated: 5_000_000, queue: 12));
        readings.Take();

        var again = readings.Take().ToDictionary(r => r.Metric);

        Assert.Equal(["dotnet_gc_heap", "dotnet_threadpool_queue", "dotnet_threadpool_threads"], again.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(12, again["dotnet_threadpool_queue"].Value);
    }

    [Fact]
    public void Take_BeforeAnyBatch_IsEmpty()
    {
        Assert.Empty(new DotnetReadings().Take());
    }

    [Theory]
    [InlineData(2.5, "B", 2.5)]
    [InlineData(2.5, "kB", 2_500)]
    [InlineData(2.5, "MB", 2_500_000)]
    [InlineData(2.5, "GB", 2_500_000_000)]
    public void ToBytes_KnownUnit_Converts(double value, string units, double bytes)
    {
        Assert.Equal(bytes, DotnetReadings.ToBytes(value, units));
    }

    [Fact]
    public void ToBytes_UnknownUnit_GivesNoValue()
    {
        Assert.Null(DotnetReadings.ToBytes(2.5, "MiB"));
    }

    [Fact]
    public void Take_HeapInAnUnknownUnit_IsLeftOutNotGuessed()
    {
        var batch = Counters.Batch().ToDictionary();
        batch[RuntimeCounters.GcHeapSize] = batch[RuntimeCounters.GcHeapSize] with { Units = "pages" };
        var readings = new DotnetReadings();
        readings.Add(batch);

        Assert.DoesNotContain(readings.Take(), r => r.Metric == "dotnet_gc_heap");
    }

    private static double Value(IReadOnlyList<TargetReading> readings, string metric) => readings.Single(r => r.Metric == metric).Value;
}
