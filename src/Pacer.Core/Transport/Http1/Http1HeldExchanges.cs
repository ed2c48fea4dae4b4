using System.Diagnostics;

namespace Pacer.Core.Transport.Http1;

/// <summary>
/// The exchanges an event loop was handed ahead of their <see cref="Http1Exchange.NotBeforeTicks"/>, in a timer heap by that
/// tick, and how early the loop asks to be woken for the earliest one (its own measured wake-up latency, so it wakes about
/// on time and spins only what is left). Touched only by the loop's thread.
/// </summary>
internal sealed class Http1HeldExchanges
{
    private static readonly long MaxWakeLeadTicks = Stopwatch.Frequency * 50 / 1_000_000;

    private readonly PriorityQueue<Http1Exchange, long> held = new(1024);
    private readonly List<(Http1Exchange Exchange, long Due)> sweep = [];

    /// <summary>
    /// How early a timed wake-up for a held exchange is asked for: the kernel's timer and scheduler take tens of microseconds
    /// on a virtual machine.
    /// </summary>
    public long WakeLeadTicks { get; private set; } = Stopwatch.Frequency * 10 / 1_000_000;

    public int Count => held.Count;

    /// <summary>Holds <paramref name="exchange"/> if it is not due yet; false when it is due (begin it now).</summary>
    public bool TryHold(Http1Exchange exchange)
    {
        if (exchange.NotBeforeTicks == 0 || exchange.NotBeforeTicks <= Stopwatch.GetTimestamp())
        {
            return false;
        }

        held.Enqueue(exchange, exchange.NotBeforeTicks);
        return true;
    }

    /// <summary>When the earliest held exchange is due, if any.</summary>
    public bool TryPeekDue(out long due) => held.TryPeek(out _, out due);

    /// <summary>Takes the earliest held exchange if it is due at <paramref name="now"/>.</summary>
    public bool TryTakeDue(long now, out Http1Exchange exchange)
    {
        if (held.TryPeek(out exchange!, out var due) && due <= now)
        {
            held.Dequeue();
            return true;
        }

        return false;
    }

    /// <summary>Takes any held exchange, due or not (the loop is shutting down).</summary>
    public bool TryTakeAny(out Http1Exchange exchange) => held.TryDequeue(out exchange!, out _);

    /// <summary>The loop was woken by its timer <paramref name="lateTicks"/> after it asked: follow that latency (an average over the last few wake-ups).</summary>
    public void ObserveWakeLateness(long lateTicks)
    {
        var late = Math.Clamp(lateTicks, 0, MaxWakeLeadTicks);
        WakeLeadTicks += (late - WakeLeadTicks) / 8;
    }

    /// <summary>
    /// Removes the held exchanges whose run was cancelled and returns them in <paramref name="cancelled"/> (cleared first) for
    /// the caller to settle: they are never written. The caller settles them only after this returns, because a settled
    /// exchange's continuation runs inline and may hand the loop new work.
    /// </summary>
    public void TakeCancelled(List<Http1Exchange> cancelled)
    {
        cancelled.Clear();
        var any = false;
        foreach (var (exchange, _) in held.UnorderedItems)
        {
            if (exchange.Cancellation.IsCancellationRequested)
            {
                any = true;
                break;
            }
        }

        if (!any)
        {
            return;
        }

        // Rare (the run is being cancelled): rebuild the heap without them.
        sweep.Clear();
        while (held.TryDequeue(out var exchange, out var due))
        {
            sweep.Add((exchange, due));
        }

        foreach (var (exchange, due) in sweep)
        {
            if (exchange.Cancellation.IsCancellationRequested)
            {
                cancelled.Add(exchange);
            }
            else
            {
                held.Enqueue(exchange, due);
            }
        }

        sweep.Clear();
    }
}
