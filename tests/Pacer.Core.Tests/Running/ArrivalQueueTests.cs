using Pacer.Core.Running;

namespace Pacer.Core.Tests.Running;

public sealed class ArrivalQueueTests
{
    [Fact]
    public async Task Write_SeveralWorkersWaiting_OnlyTheLongestWaitingOneTakesIt()
    {
        using var queue = new ArrivalQueue(workers: 3, CancellationToken.None);
        var first = new ArrivalWaiter();
        var second = new ArrivalWaiter();
        var third = new ArrivalWaiter();
        var waits = new[] { queue.ReadAsync(first).AsTask(), queue.ReadAsync(second).AsTask(), queue.ReadAsync(third).AsTask() };

        // A waiting worker takes its arrival inline, on the writing thread: its wait has ended when Write returns.
        queue.Write(Arrival(0));
        Assert.Equal([true, false, false], waits.Select(w => w.IsCompleted));
        Assert.True(await waits[0]);
        Assert.Equal(0, first.Arrival.Index);

        // The worker that just finished waits again behind the others: the next arrival goes to the one idle longest.
        var again = queue.ReadAsync(first).AsTask();
        queue.Write(Arrival(1));
        Assert.Equal([true, false, false], new[] { waits[1], waits[2], again }.Select(w => w.IsCompleted));
        Assert.True(await waits[1]);
        Assert.Equal(1, second.Arrival.Index);
    }

    [Fact]
    public async Task Complete_ArrivalsStillQueued_ReadersGetThemThenFalse()
    {
        using var queue = new ArrivalQueue(workers: 1, CancellationToken.None);
        var waiter = new ArrivalWaiter();
        queue.Write(Arrival(7));
        queue.Complete();

        Assert.True(await queue.ReadAsync(waiter));
        Assert.Equal(7, waiter.Arrival.Index);
        Assert.False(await queue.ReadAsync(waiter));
    }

    [Fact]
    public async Task Complete_WorkerWaiting_WaitEndsWithFalse()
    {
        using var queue = new ArrivalQueue(workers: 1, CancellationToken.None);
        var wait = queue.ReadAsync(new ArrivalWaiter()).AsTask();

        queue.Complete();

        Assert.True(wait.IsCompleted);
        Assert.False(await wait);
    }

    [Fact]
    public async Task Cancel_WorkerWaiting_WaitThrowsAndLaterReadsToo()
    {
        using var cancel = new CancellationTokenSource();
        using var queue = new ArrivalQueue(workers: 1, cancel.Token);
        var waiter = new ArrivalWaiter();
        var wait = queue.ReadAsync(waiter).AsTask();

        await cancel.CancelAsync();

        Assert.True(wait.IsCompleted);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queue.ReadAsync(waiter).AsTask());
    }

    [Fact]
    public async Task Write_BacklogFull_DropsTheArrivalAndSaysSo()
    {
        var dropped = 0;
        using var queue = new ArrivalQueue(workers: 1, CancellationToken.None, backlogLimit: 2, overflow: () => dropped++);
        for (var i = 0; i < 5; i++)
        {
            queue.Write(Arrival(i));
        }

        queue.Complete();
        var waiter = new ArrivalWaiter();
        var taken = new List<long>();
        while (await queue.ReadAsync(waiter))
        {
            taken.Add(waiter.Arrival.Index);
        }

        // The first two waited; the other three found the backlog full and were dropped, not held.
        Assert.Equal([0L, 1L], taken);
        Assert.Equal(3, dropped);
    }

    private static Arrival Arrival(long index) => new(index, index, index, PoolWasFull: false);
}
