namespace Pacer.Watchers.Dotnet.Tests;

public sealed class CounterBatcherTests
{
    [Fact]
    public void Add_LastOfTheCountersRead_CompletesTheBatchAtOnce()
    {
        var batcher = new CounterBatcher();
        var values = Counters.Batch().Values.ToList();

        var early = values.SkipLast(1).Select(batcher.Add).ToList();
        var last = batcher.Add(values[^1]);

        Assert.All(early, Assert.Null);
        Assert.NotNull(last);
        Assert.Equal(RuntimeCounters.Read.Count, last.Count);
    }

    [Fact]
    public void Add_CounterTheWatcherDoesNotRead_IsIgnored()
    {
        var batcher = new CounterBatcher();

        Assert.Null(batcher.Add(CounterPayload.TryRead(Counters.Gauge("cpu-usage", 34.7, "%"))!));
        Assert.Null(batcher.Add(CounterPayload.TryRead(Counters.Gauge("cpu-usage", 12.0, "%"))!));
    }

    [Fact]
    public void Add_CounterAlreadyInTheBatch_CompletesItOnARuntimeWithoutSomeCounters()
    {
        // A runtime before .NET 7 has no total-pause-time-by-gc: its batch can never hold every counter read.
        var batcher = new CounterBatcher();
        var first = Counters.Batch().Values.Where(p => p.Name != RuntimeCounters.PauseTime).ToList();
        Assert.All(first.Select(batcher.Add).ToList(), Assert.Null);

        var completed = batcher.Add(Counters.Batch(heapMb: 90)[RuntimeCounters.GcHeapSize]);

        Assert.NotNull(completed);
        Assert.Equal(first.Count, completed.Count);
        Assert.Equal(85.749936, completed[RuntimeCounters.GcHeapSize].Value);
    }
}
