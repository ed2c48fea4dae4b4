using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Pacer.Core.Platform;
using Pacer.Core.Platform.Linux;

namespace Pacer.Core.Transport.Http1;

/// <summary>
/// One thread running an epoll loop over the non-blocking sockets it owns. Other threads hand exchanges in through a queue
/// and an eventfd; the loop starts each on a connection and completes the awaiting code inline. Its parts, each touched only
/// by this thread: <see cref="Http1HeldExchanges"/> (exchanges handed in ahead of their
/// <see cref="Http1Exchange.NotBeforeTicks"/> and their timer heap: the loop sleeps in epoll with a nanosecond timeout to the
/// earliest one due and writes everything due in one pass), <see cref="Http1ConnectionTable"/> (slots, epoll tokens, idle
/// keep-alive pools), <see cref="Http1SocketIo"/> (connect, write, read and parse) and <see cref="Http1Settlement"/> (the one
/// place an exchange ends, which keeps the count in flight). What stays here is the thread: waiting, waking, handing work
/// to the parts, and the deadline scan.
/// </summary>
internal sealed unsafe class Http1EventLoop : IDisposable
{
    private const int MaxEvents = 1024;
    private const ulong WakeToken = ulong.MaxValue;
    private static readonly long ScanPeriodTicks = Stopwatch.Frequency / 100;
    private static readonly long BusyTimeoutTicks = Stopwatch.Frequency / 100;
    private static readonly long IdleTimeoutTicks = Stopwatch.Frequency / 5;

    /// <summary><see cref="sleepingUntil"/> while the loop runs: it drains its queue before it sleeps, so nobody needs to wake it.</summary>
    private const long Running = long.MinValue;

    /// <summary>epoll_pwait2 (precise timeouts) is there until a call says otherwise; epoll_wait's are whole milliseconds.</summary>
    private static volatile bool preciseWait = true;

    [ThreadStatic]
    private static Http1EventLoop? current;

    private readonly Http1Transport owner;
    private readonly int epoll;
    private readonly int wakeFd;
    private readonly Thread thread;
    private readonly ConcurrentQueue<Http1Exchange> incoming = new();
    private readonly byte* events = (byte*)NativeMemory.Alloc((nuint)(MaxEvents * LinuxNative.EpollEventSize));
    private readonly Http1ConnectionTable connections;
    private readonly Http1HeldExchanges held = new();
    private readonly Http1ConnectionWaiters waiters = new();
    private readonly Http1DeadlineWatch deadlines = new();
    private readonly Http1Settlement settlement;
    private readonly Http1SocketIo io;
    private readonly List<Http1Connection> pendingWrites = new(1024);
    private readonly List<Http1Exchange> cancelledHeld = [];
    private int wakePending;
    private long sleepingUntil = Running;
    private long lastScan;
    private bool dispatching;
    private volatile bool stopping;
    private int disposed;
    private long cpuNanoseconds;

    public Http1EventLoop(Http1Transport owner, int index, int endpointCount)
    {
        this.owner = owner;
        epoll = LinuxNative.EpollCreate(LinuxNative.EPOLL_CLOEXEC);
        wakeFd = LinuxNative.EventFd(0, LinuxNative.EFD_NONBLOCK | LinuxNative.EFD_CLOEXEC);
        if (epoll < 0 || wakeFd < 0 || LinuxNative.EpollControl(epoll, LinuxNative.EPOLL_CTL_ADD, wakeFd, LinuxNative.EPOLLIN, WakeToken) < 0)
        {
            throw new InvalidOperationException($"could not create the event loop: {Marshal.GetPInvokeErrorMessage(LinuxNative.Errno)}");
        }

        connections = new Http1ConnectionTable(epoll, endpointCount);
        settlement = new Http1Settlement(owner.Examples, connections, Begin);
        io = new Http1SocketIo(epoll, connections, settlement);
        thread = new Thread(Run) { IsBackground = true, Name = $"pacer-http1-loop-{index}" };
        thread.Start();
    }

    /// <summary>The loop whose thread is running the caller, if any (so a virtual user stays on the loop that served it).</summary>
    public static Http1EventLoop? Current => current;

    public Http1Transport Owner => owner;

    /// <summary>
    /// Processor time this loop's thread has used, in nanoseconds, as of its last deadline scan (every 10 ms while it is busy;
    /// an idle loop uses none meanwhile). Written by the loop, read by the generator's health check.
    /// </summary>
    public long CpuNanoseconds => Volatile.Read(ref cpuNanoseconds);

    /// <summary>Connections this loop has established; written by the loop, read from any thread.</summary>
    public long ConnectionsOpened => io.ConnectionsOpened;

    /// <summary>Connections this loop closed for bytes no request asked for (see <see cref="IConnectionCount.ConnectionsWithStrayBytes"/>).</summary>
    public long ConnectionsWithStrayBytes => io.ConnectionsWithStrayBytes;

    /// <summary>
    /// Starts <paramref name="exchange"/>, or holds it until its <see cref="Http1Exchange.NotBeforeTicks"/>: directly on the loop's
    /// own thread, else through the queue.
    /// </summary>
    [MethodImpl(HotPath.Shared)]
    public void Submit(Http1Exchange exchange)
    {
        if (current == this)
        {
            Accept(exchange);
            return;
        }

        incoming.Enqueue(exchange);

        // The loop needs an eventfd wake-up only while it sleeps and would wake by itself too late for this exchange: a batch of
        // arrivals handed over ahead of time then costs no wake-up at all. The fence orders the enqueue before the read and
        // pairs with the one in Wait: either the loop finds the exchange when it checks the queue, or this thread sees the time
        // the loop sleeps until.
        Interlocked.MemoryBarrier();
        if (exchange.NotBeforeTicks < Volatile.Read(ref sleepingUntil) && Interlocked.Exchange(ref wakePending, 1) == 0)
        {
            Wake();
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        stopping = true;
        Wake();
        thread.Join();
        for (var i = 0; i < connections.SlotsUsed; i++)
        {
            if (connections[i] is { } connection)
            {
                settlement.Fail(connection, ErrorKind.Reset, "the transport was closed");
            }
        }

        while (incoming.TryDequeue(out var exchange))
        {
            exchange.Cancel();
        }

        while (held.TryTakeAny(out var exchange))
        {
            exchange.Cancel();
        }

        waiters.TakeAll(cancelledHeld);
        foreach (var exchange in cancelledHeld)
        {
            exchange.Cancel();
        }

        LinuxNative.Close(epoll);
        LinuxNative.Close(wakeFd);
        NativeMemory.Free(events);
    }

    private void Wake()
    {
        ulong one = 1;
        LinuxNative.Write(wakeFd, (byte*)&one, sizeof(ulong));
    }

    [MethodImpl(HotPath.Shared)]
    private void Run()
    {
        current = this;

        // Held requests are written when due: a timed wait may not end late.
        LinuxNative.UsePreciseTimerSlack();
        while (!stopping)
        {
            DrainIncoming();
            var count = Wait();
            connections.BeginPass();

            // Requests started while this batch of events is handled (a virtual user sending its next request as soon as
            // its response is parsed) are written together after it: the server then finds them ready in one wake-up rather
            // than one at a time, which costs it (and so the measurement) less CPU per request. The wait is microseconds, and
            // it is counted: the send time is taken when the bytes are written.
            dispatching = true;
            for (var i = 0; i < count; i++)
            {
                var token = LinuxNative.EventData(events, i);
                if (token == WakeToken)
                {
                    ulong value;
                    LinuxNative.Read(wakeFd, (byte*)&value, sizeof(ulong));
                    Volatile.Write(ref wakePending, 0);
                    DrainIncoming();
                    continue;
                }

                if (connections.TryGet(token, out var connection))
                {
                    io.OnEvent(connection, LinuxNative.EventMask(events, i));
                }
            }

            ServeWaiters();
            StartDue();
            dispatching = false;
            FlushPendingWrites();
            StartImminent();
            var now = Stopwatch.GetTimestamp();
            if (now - lastScan >= ScanPeriodTicks)
            {
                lastScan = now;
                ScanDeadlines(now);
                PublishCpuTime();
            }
        }
    }

    /// <summary>Sleeps until an event, a wake-up, or the earliest held exchange is due; returns the number of events.</summary>
    [MethodImpl(HotPath.Shared)]
    private int Wait()
    {
        var wakeAt = Stopwatch.GetTimestamp() + (settlement.InFlight > 0 ? BusyTimeoutTicks : IdleTimeoutTicks);
        if (held.TryWakeAt(out var heldWake) && heldWake < wakeAt)
        {
            wakeAt = heldWake;
        }

        if (waiters.Count > 0)
        {
            // The backlog of exchanges waiting for a busy connection is checked again at this time (see ServeWaiters).
            wakeAt = Math.Min(wakeAt, waiters.NextGrowthTicks());
        }

        // Published with a full fence before the queue is checked; Submit pairs with it (see there).
        Interlocked.Exchange(ref sleepingUntil, wakeAt);
        var waits = incoming.IsEmpty;
        var count = waits ? WaitUntil(wakeAt) : 0;
        Volatile.Write(ref sleepingUntil, Running);
        return count;
    }

    [MethodImpl(HotPath.Open)]
    private int WaitUntil(long wakeAt)
    {
        var remaining = Math.Max(0, wakeAt - Stopwatch.GetTimestamp());
        if (preciseWait)
        {
            var nanoseconds = (long)(remaining * (1_000_000_000.0 / Stopwatch.Frequency));
            var timeout = new LinuxNative.Timespec { Seconds = nanoseconds / 1_000_000_000, Nanoseconds = nanoseconds % 1_000_000_000 };
            try
            {
                var count = LinuxNative.EpollWaitPrecise(epoll, events, MaxEvents, &timeout, null);
                if (count >= 0 || LinuxNative.Errno != LinuxNative.ENOSYS)
                {
                    return count;
                }
            }
            catch (EntryPointNotFoundException)
            {
                // A C library older than glibc 2.35 has no epoll_pwait2: fall through to epoll_wait from now on.
            }

            preciseWait = false;
        }

        // Whole milliseconds, rounded down so the wait never ends late; the rest is polled with a zero timeout (a short spin
        // through the caller's loop), which only kernels before 5.11 or old C libraries pay.
        return LinuxNative.EpollWait(epoll, events, MaxEvents, (int)(remaining * 1000 / Stopwatch.Frequency));
    }

    /// <summary>
    /// Publishes this thread's processor time. Time asleep in the poll is not a good measure of a loop's load: with responses
    /// always ready, epoll_wait returns at once yet its kernel work still counts; the thread's own CPU clock counts it all.
    /// </summary>
    private void PublishCpuTime()
    {
        LinuxNative.Timespec time;
        if (LinuxNative.ClockGetTime(LinuxNative.CLOCK_THREAD_CPUTIME_ID, &time) == 0)
        {
            Volatile.Write(ref cpuNanoseconds, (time.Seconds * 1_000_000_000) + time.Nanoseconds);
        }
    }

    [MethodImpl(HotPath.Shared)]
    private void DrainIncoming()
    {
        while (incoming.TryDequeue(out var exchange))
        {
            Accept(exchange);
        }
    }

    /// <summary>Begins <paramref name="exchange"/> now, or holds it if it is not due yet.</summary>
    [MethodImpl(HotPath.Shared)]
    private void Accept(Http1Exchange exchange)
    {
        if (!held.TryHold(exchange))
        {
            Begin(exchange);
        }
    }

    /// <summary>Begins every held exchange that is due; called while events are dispatched, so they are written in one pass.</summary>
    [MethodImpl(HotPath.Open)]
    private void StartDue()
    {
        if (held.Count == 0)
        {
            return;
        }

        var now = Stopwatch.GetTimestamp();
        while (held.TryTakeDue(now, out var exchange))
        {
            Begin(exchange);
        }
    }

    /// <summary>
    /// Puts <paramref name="exchange"/> on an idle connection to its endpoint, or opens one (a cancelled run's is cancelled
    /// instead). A late exchange finds none idle waits for one instead, and so does any exchange behind such waiters (see
    /// <see cref="Http1ConnectionWaiters"/>): the loop's own lateness must not open connections.
    /// </summary>
    [MethodImpl(HotPath.Shared)]
    private void Begin(Http1Exchange exchange)
    {
        if (exchange.Cancellation.IsCancellationRequested)
        {
            exchange.Cancel();
            return;
        }

        if (waiters.AnyFor(exchange.Endpoint))
        {
            waiters.Add(exchange, Stopwatch.GetTimestamp());
            return;
        }

        if (TryIdle(exchange.Endpoint, out var connection))
        {
            Put(connection, exchange);
            return;
        }

        // The clock is read only on this path, not for every request: an exchange that finds an idle connection needs no time.
        var now = Stopwatch.GetTimestamp();
        if (settlement.InFlight > 0 && Http1ConnectionWaiters.IsLate(exchange, now))
        {
            waiters.Add(exchange, now);
            return;
        }

        Place(exchange);
        io.Open(exchange.Endpoint, exchange);
    }

    /// <summary>An idle keep-alive connection to <paramref name="endpoint"/> that is fit to carry a request, if any.</summary>
    [MethodImpl(HotPath.Shared)]
    private bool TryIdle(Http1Endpoint endpoint, out Http1Connection connection)
    {
        var pool = connections.IdleFor(endpoint);
        while (pool.TryPop(out connection!))
        {
            // Bytes waiting on an idle connection were sent before this request was written, so they answer nothing; reading
            // them would record them as this request's response. Its readable event may not have been handled yet, so look —
            // unless its response completed in this very pass on a read that emptied the socket: that read was the look, a
            // few microseconds ago, and the write follows as soon after it as it would after a peek. In the closed model,
            // where each virtual user's next request reuses its connection in the pass its response arrived, this spares one
            // system call of three per request (at 10,000 connections, 103,000 -> 117,000 requests/s; bench/README.md).
            if (connection.State == Http1ConnectionState.Idle && connection.DrainedInPass != connections.Pass && !io.IsFitForReuse(connection))
            {
                connections.Close(connection);
                continue;
            }

            if (connection.State == Http1ConnectionState.Idle)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Starts <paramref name="exchange"/> on <paramref name="connection"/>: written now, or with the pass's other writes.</summary>
    [MethodImpl(HotPath.Shared)]
    private void Put(Http1Connection connection, Http1Exchange exchange)
    {
        Place(exchange);
        Http1SocketIo.Assign(connection, exchange);
        if (dispatching)
        {
            pendingWrites.Add(connection);
        }
        else
        {
            io.Write(connection);
        }
    }

    /// <summary>
    /// <paramref name="exchange"/> goes on a connection (an idle one, or one it opens): it is in flight from here, and the
    /// deadline scan must know its deadline and its run's token (see <see cref="Http1DeadlineWatch"/>).
    /// </summary>
    [MethodImpl(HotPath.Shared)]
    private void Place(Http1Exchange exchange)
    {
        settlement.Began();
        deadlines.Note(exchange);
    }

    /// <summary>
    /// Gives connections that came free in this pass to the exchanges waiting for one, oldest first; for an endpoint whose
    /// backlog the busy connections do not drain, opens new ones (see <see cref="Http1ConnectionWaiters.GrowthDue"/>).
    /// </summary>
    [MethodImpl(HotPath.Shared)]
    private void ServeWaiters()
    {
        if (waiters.Count == 0)
        {
            return;
        }

        var now = Stopwatch.GetTimestamp();
        for (var endpoint = 0; endpoint < waiters.Endpoints; endpoint++)
        {
            while (waiters.TryPeek(endpoint, out var exchange, out _) && TryIdle(exchange.Endpoint, out var connection))
            {
                waiters.Take(endpoint);
                Put(connection, exchange);
            }

            for (var open = waiters.GrowthDue(endpoint, now); open > 0 && waiters.TryPeek(endpoint, out var exchange, out _); open--)
            {
                waiters.Take(endpoint);
                Place(exchange);
                io.Open(exchange.Endpoint, exchange);
            }
        }
    }

    [MethodImpl(HotPath.Shared)]
    private void FlushPendingWrites()
    {
        for (var i = 0; i < pendingWrites.Count; i++)
        {
            // A connection may have failed, timed out or been cancelled since its request was queued here.
            var connection = pendingWrites[i];
            if (connection is { State: Http1ConnectionState.Busy, Exchange: not null, SendOffset: 0 })
            {
                io.Write(connection);
            }
        }

        pendingWrites.Clear();
    }

    /// <summary>Settles what ran out: held exchanges of a cancelled run, and exchanges in flight that were cancelled or passed their deadline.</summary>
    private void ScanDeadlines(long now)
    {
        if (held.Count > 0)
        {
            held.TakeCancelled(cancelledHeld);
            foreach (var exchange in cancelledHeld)
            {
                exchange.Cancel();
            }

            cancelledHeld.Clear();
        }

        if (waiters.Count > 0)
        {
            waiters.TakeExpired(now, cancelledHeld);
            foreach (var exchange in cancelledHeld)
            {
                if (exchange.Cancellation.IsCancellationRequested)
                {
                    exchange.Cancel();
                }
                else
                {
                    // It never got a connection, and its time ran out waiting for one: a timeout like any other.
                    settlement.Began();
                    settlement.FailUnconnected(exchange, ErrorKind.Timeout, Http1FailureMessages.Timeout(exchange.Timeout, exchange.Describe()));
                }
            }

            cancelledHeld.Clear();
        }

        // Every exchange on a connection was noted when it was placed there (Place); the walk below notes
        // again those it leaves in flight.
        if (!deadlines.Due(now))
        {
            return;
        }

        deadlines.Clear();
        for (var i = 0; i < connections.SlotsUsed; i++)
        {
            if (connections[i] is not { Exchange: { } exchange } connection)
            {
                continue;
            }

            if (exchange.Cancellation.IsCancellationRequested)
            {
                settlement.Cancel(connection);
            }
            else if (now > exchange.DeadlineTicks)
            {
                settlement.TimeOut(connection);
            }
            else
            {
                deadlines.Note(exchange);
            }
        }
    }

    /// <summary>
    /// If the earliest held exchange is due within <see cref="Http1HeldExchanges.SpinTicks"/>, spins until then and begins
    /// everything due: a sleep that short would end late, and costs a context switch more than the spin. Anything later is
    /// slept to (see <see cref="Http1HeldExchanges"/>).
    /// </summary>
    [MethodImpl(HotPath.Open)]
    private void StartImminent()
    {
        // Something handed in since the wait began may be due even sooner (Submit does not wake the loop for it).
        DrainIncoming();
        if (!held.DueWithinSpin(Stopwatch.GetTimestamp(), out var due))
        {
            return;
        }

        while (Stopwatch.GetTimestamp() < due)
        {
            Thread.SpinWait(10);
        }

        var now = Stopwatch.GetTimestamp();
        while (held.TryTakeDue(now, out var exchange))
        {
            Begin(exchange);
        }
    }
}
