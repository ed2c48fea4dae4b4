using System.Diagnostics;
using System.Runtime.CompilerServices;
using Pacer.Core.Platform;

namespace Pacer.Core.Transport.Http1;

/// <summary>
/// The exchanges an event loop was handed ahead of their <see cref="Http1Exchange.NotBeforeTicks"/>, in a timer heap by that
/// tick, and when the loop wakes for the earliest one. Touched only by the loop's thread.
/// </summary>
/// <remarks>
/// The loop used to ask to be woken early by its timer's measured latency (up to 50 µs on a virtual machine) and spin the
/// rest: at 20,000 arrivals/s, 50 µs apart, that was a spin of up to 50 µs before every write, most of a core, and the larger
/// part of the open model's 25–38 µs of CPU per request. It now sleeps to the moment itself (epoll_pwait2 with a nanosecond
/// timeout and 1 ns of timer slack) and is late by that wake-up's latency, which is measured as lag where the bytes are
/// written; it spins only when the next exchange is due within <see cref="SpinTicks"/>, where a sleep and a wake-up would
/// cost more than the spin.
/// </remarks>
internal sealed class Http1HeldExchanges
{
    /// <summary>The loop spins, rather than sleeps, for an exchange due within this much (10 µs).</summary>
    public static readonly long SpinTicks = Stopwatch.Frequency * 10 / 1_000_000;

    private readonly PriorityQueue<Http1Exchange, long> held = new(1024);
    private readonly List<(Http1Exchange Exchange, long Due)> sweep = [];

    public int Count => held.Count;

    /// <summary>Holds <paramref name="exchange"/> if it is not due yet; false when it is due (begin it now).</summary>
    [MethodImpl(HotPath.Open)]
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
    [MethodImpl(HotPath.Open)]
    public bool TryPeekDue(out long due) => held.TryPeek(out _, out due);

    /// <summary>When the loop should wake for the earliest held exchange, if any: the moment it is due, never earlier.</summary>
    [MethodImpl(HotPath.Open)]
    public bool TryWakeAt(out long wakeAt) => held.TryPeek(out _, out wakeAt);

    /// <summary>Whether the earliest held exchange is due within <see cref="SpinTicks"/> of <paramref name="now"/> (and when).</summary>
    [MethodImpl(HotPath.Open)]
    public bool DueWithinSpin(long now, out long due) => held.TryPeek(out _, out due) && due - now <= SpinTicks;

    /// <summary>Takes the earliest held exchange if it is due at <paramref name="now"/>.</summary>
    [MethodImpl(HotPath.Open)]
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
