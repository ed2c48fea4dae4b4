using System.Diagnostics;

namespace Pacer.Core.Transport.Http1;

/// <summary>
/// Exchanges of an event loop that began late and found every connection to their endpoint busy: they wait, in order, for
/// one to come free instead of each opening a connection of its own. Touched only by the loop's thread.
/// </summary>
/// <remarks>
/// Lateness is the generator's doing (a loop held up by the machine for a few milliseconds), not demand: when the loop catches
/// up, everything due in the meantime is begun at once, and a connection for each (up to the pool's limit) was a burst of
/// connects that made the loop later still — at 10,000/s, hundreds of connections for a load that never had 20 in flight. A
/// backlog that the busy connections drain needs no more of them; one that did not shrink over <see cref="GrowAfterTicks"/>
/// means they are not keeping up with the demand, and then as many connections are opened as it grew by (at least one, at
/// most <see cref="MaxGrowth"/>), so the pool still grows with sustained demand, about as fast as the backlog does.
/// </remarks>
internal sealed class Http1ConnectionWaiters
{
    /// <summary>An exchange due longer ago than this when it is begun is late: with no idle connection, it waits for one.</summary>
    public static readonly long LateTicks = Stopwatch.Frequency / 5_000;

    /// <summary>How often a backlog is checked for whether the busy connections drain it.</summary>
    public static readonly long GrowAfterTicks = Stopwatch.Frequency / 1_000;

    /// <summary>Most connections opened for one endpoint's backlog per <see cref="GrowAfterTicks"/>.</summary>
    public const int MaxGrowth = 8;

    /// <summary>
    /// Room each endpoint's queue starts with (64 KB, taken the first time an exchange to it waits): a backlog of a few
    /// thousand, 100 ms at 40,000/s, is then queued without growing the array mid-run, which the allocation tests would count.
    /// </summary>
    private const int InitialCapacity = 4096;

    private Queue<(Http1Exchange Exchange, long Since)>[] byEndpoint = [];

    /// <summary>Per endpoint: when its backlog was last checked (0: not since it formed), and how long it was then.</summary>
    private (long Ticks, int Count)[] checkedAt = [];

    /// <summary>Exchanges waiting, all endpoints together.</summary>
    public int Count { get; private set; }

    /// <summary>Whether exchanges to <paramref name="endpoint"/> are waiting (a newcomer queues behind them).</summary>
    public bool AnyFor(Http1Endpoint endpoint) => endpoint.Index < byEndpoint.Length && byEndpoint[endpoint.Index].Count > 0;

    /// <summary>Whether <paramref name="exchange"/>, begun at <paramref name="now"/>, is late enough to wait rather than open a connection.</summary>
    public static bool IsLate(Http1Exchange exchange, long now) => exchange.NotBeforeTicks != 0 && now - exchange.NotBeforeTicks > LateTicks;

    /// <summary>Queues <paramref name="exchange"/> behind the others waiting for its endpoint.</summary>
    public void Add(Http1Exchange exchange, long now)
    {
        var index = exchange.Endpoint.Index;
        if (index >= byEndpoint.Length)
        {
            var grown = byEndpoint.Length;
            Array.Resize(ref byEndpoint, index + 1);
            Array.Resize(ref checkedAt, index + 1);
            for (var i = grown; i < byEndpoint.Length; i++)
            {
                byEndpoint[i] = new Queue<(Http1Exchange, long)>(InitialCapacity);
            }
        }

        byEndpoint[index].Enqueue((exchange, now));
        Count++;
    }

    /// <summary>Endpoints known here (waiting or not): <see cref="TryPeek"/> and <see cref="Take"/> take 0 … this − 1.</summary>
    public int Endpoints => byEndpoint.Length;

    /// <summary>The longest-waiting exchange to endpoint number <paramref name="endpoint"/> and since when it waits; false when none does.</summary>
    public bool TryPeek(int endpoint, out Http1Exchange exchange, out long since)
    {
        if (byEndpoint[endpoint].TryPeek(out var waiter))
        {
            (exchange, since) = waiter;
            return true;
        }

        (exchange, since) = (null!, 0);
        return false;
    }

    /// <summary>Removes the longest-waiting exchange to endpoint number <paramref name="endpoint"/> (the one <see cref="TryPeek"/> gave).</summary>
    public void Take(int endpoint)
    {
        byEndpoint[endpoint].Dequeue();
        Count--;
        if (byEndpoint[endpoint].Count == 0)
        {
            checkedAt[endpoint] = default;
        }
    }

    /// <summary>
    /// How many connections to open now for endpoint number <paramref name="endpoint"/>'s backlog: none while it is drained
    /// (or was checked less than <see cref="GrowAfterTicks"/> ago), else as many as it grew by since the last check, from 1
    /// to <see cref="MaxGrowth"/>. The first call after the backlog formed only notes its length.
    /// </summary>
    public int GrowthDue(int endpoint, long now)
    {
        var count = byEndpoint[endpoint].Count;
        var (ticks, before) = checkedAt[endpoint];
        if (count == 0 || (ticks != 0 && now - ticks < GrowAfterTicks))
        {
            return 0;
        }

        checkedAt[endpoint] = (now, count);
        return ticks == 0 || count < before ? 0 : Math.Clamp(count - before, 1, MaxGrowth);
    }

    /// <summary>When the loop must check a backlog again (see <see cref="GrowthDue"/>), or <see cref="long.MaxValue"/>.</summary>
    public long NextGrowthTicks()
    {
        var next = long.MaxValue;
        for (var i = 0; i < byEndpoint.Length; i++)
        {
            if (byEndpoint[i].Count > 0)
            {
                next = Math.Min(next, checkedAt[i].Ticks + GrowAfterTicks);
            }
        }

        return next;
    }

    /// <summary>
    /// Removes the waiters whose run was cancelled or whose deadline passed at <paramref name="now"/> and returns them in
    /// <paramref name="settle"/> (cleared first), for the caller to settle after this returns (a settled exchange's
    /// continuation runs inline and may hand the loop new work).
    /// </summary>
    public void TakeExpired(long now, List<Http1Exchange> settle)
    {
        settle.Clear();
        foreach (var queue in byEndpoint)
        {
            var any = false;
            foreach (var (exchange, _) in queue)
            {
                any |= exchange.Cancellation.IsCancellationRequested || now > exchange.DeadlineTicks;
            }

            if (!any)
            {
                continue;
            }

            // Rare (a cancelled run, or a server that stopped answering): rebuild the queue without them.
            for (var n = queue.Count; n > 0; n--)
            {
                var waiter = queue.Dequeue();
                if (waiter.Exchange.Cancellation.IsCancellationRequested || now > waiter.Exchange.DeadlineTicks)
                {
                    settle.Add(waiter.Exchange);
                    Count--;
                }
                else
                {
                    queue.Enqueue(waiter);
                }
            }
        }

        for (var i = 0; i < byEndpoint.Length; i++)
        {
            if (byEndpoint[i].Count == 0)
            {
                checkedAt[i] = default;
            }
        }
    }

    /// <summary>Takes every waiter, whatever its state (the loop is shutting down).</summary>
    public void TakeAll(List<Http1Exchange> settle)
    {
        settle.Clear();
        foreach (var queue in byEndpoint)
        {
            while (queue.TryDequeue(out var waiter))
            {
                settle.Add(waiter.Exchange);
            }
        }

        Count = 0;
        Array.Clear(checkedAt);
    }
}
