using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;
using Pacer.Core.Platform.Linux;

namespace Pacer.Core.Transport.Http1;

/// <summary>
/// One thread running an epoll loop over the non-blocking sockets it owns: connect, write the pre-encoded request, read and
/// parse the response in a receive buffer shared by all its connections, and complete the awaiting exchange inline. Every
/// connection's state is touched only by this thread; other threads hand work in through a queue and an eventfd. An exchange
/// handed in ahead of its <see cref="Http1Exchange.NotBeforeTicks"/> is held until then: the loop sleeps in epoll with a
/// nanosecond timeout to the earliest one due and writes everything due in one pass.
/// </summary>
internal sealed unsafe class Http1EventLoop : IDisposable
{
    private const int MaxEvents = 1024;
    private const int ReceiveBufferSize = 64 * 1024;
    private const ulong WakeToken = ulong.MaxValue;
    private const uint ReadInterest = LinuxNative.EPOLLIN | LinuxNative.EPOLLRDHUP;
    private const uint ReadWriteInterest = ReadInterest | LinuxNative.EPOLLOUT;
    private static readonly long ScanPeriodTicks = Stopwatch.Frequency / 100;
    private static readonly long BusyTimeoutTicks = Stopwatch.Frequency / 100;
    private static readonly long IdleTimeoutTicks = Stopwatch.Frequency / 5;
    private static readonly long MaxWakeLeadTicks = Stopwatch.Frequency * 50 / 1_000_000;

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
    private readonly byte[] receiveBuffer = GC.AllocateUninitializedArray<byte>(ReceiveBufferSize, pinned: true);
    private readonly byte* events = (byte*)NativeMemory.Alloc((nuint)(MaxEvents * LinuxNative.EpollEventSize));
    private Stack<Http1Connection>[] idle;
    private readonly Stack<int> freeSlots = new();
    private readonly List<Http1Connection> pendingWrites = new(1024);
    private readonly PriorityQueue<Http1Exchange, long> held = new(1024);
    private readonly List<(Http1Exchange Exchange, long Due)> sweep = [];
    private Http1Connection?[] slots = new Http1Connection?[256];
    private int slotsUsed;
    private uint generation;
    private int wakePending;
    private long sleepingUntil = Running;

    /// <summary>
    /// How early a timed wake-up for a held exchange is asked for: the loop's own measured wake-up latency (the kernel's timer
    /// and scheduler take tens of microseconds on a virtual machine), so it wakes about on time and spins only what is left.
    /// </summary>
    private long wakeLead = Stopwatch.Frequency * 10 / 1_000_000;
    private int inFlight;
    private long lastScan;
    private bool dispatching;
    private volatile bool stopping;
    private int disposed;
    private long cpuNanoseconds;
    private long connectionsOpened;

    public Http1EventLoop(Http1Transport owner, int index, int endpointCount)
    {
        this.owner = owner;
        idle = [.. Enumerable.Range(0, endpointCount).Select(_ => new Stack<Http1Connection>())];
        epoll = LinuxNative.EpollCreate(LinuxNative.EPOLL_CLOEXEC);
        wakeFd = LinuxNative.EventFd(0, LinuxNative.EFD_NONBLOCK | LinuxNative.EFD_CLOEXEC);
        if (epoll < 0 || wakeFd < 0 || LinuxNative.EpollControl(epoll, LinuxNative.EPOLL_CTL_ADD, wakeFd, LinuxNative.EPOLLIN, WakeToken) < 0)
        {
            throw new InvalidOperationException($"could not create the event loop: {Marshal.GetPInvokeErrorMessage(LinuxNative.Errno)}");
        }

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
    public long ConnectionsOpened => Volatile.Read(ref connectionsOpened);

    /// <summary>
    /// Starts <paramref name="exchange"/>, or holds it until its <see cref="Http1Exchange.NotBeforeTicks"/>: directly on the loop's
    /// own thread, else through the queue.
    /// </summary>
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
        for (var i = 0; i < slotsUsed; i++)
        {
            if (slots[i] is { } connection)
            {
                Fail(connection, ErrorKind.Reset, "the transport was closed");
            }
        }

        while (incoming.TryDequeue(out var exchange))
        {
            exchange.Cancel();
        }

        while (held.TryDequeue(out var exchange, out _))
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

    private void Run()
    {
        current = this;

        // Held requests are written when due: a timed wait may not end late.
        LinuxNative.UsePreciseTimerSlack();
        while (!stopping)
        {
            DrainIncoming();
            var count = Wait();

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

                var slot = (int)(uint)token;
                if (slots[slot] is { } connection && connection.Token == token)
                {
                    OnEvent(connection, LinuxNative.EventMask(events, i));
                }
            }

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
    private int Wait()
    {
        var wakeAt = Stopwatch.GetTimestamp() + (inFlight > 0 ? BusyTimeoutTicks : IdleTimeoutTicks);
        var forHeld = held.TryPeek(out _, out var due) && due - wakeLead < wakeAt;
        if (forHeld)
        {
            wakeAt = due - wakeLead;
        }

        // Published with a full fence before the queue is checked; Submit pairs with it (see there).
        Interlocked.Exchange(ref sleepingUntil, wakeAt);
        var waits = incoming.IsEmpty;
        var count = waits ? WaitUntil(wakeAt) : 0;
        Volatile.Write(ref sleepingUntil, Running);
        if (waits && forHeld && count == 0)
        {
            // Woken by the timer: follow its latency (an average over the last few wake-ups).
            var late = Math.Clamp(Stopwatch.GetTimestamp() - wakeAt, 0, MaxWakeLeadTicks);
            wakeLead += (late - wakeLead) / 8;
        }

        return count;
    }

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

    private void DrainIncoming()
    {
        while (incoming.TryDequeue(out var exchange))
        {
            Accept(exchange);
        }
    }

    /// <summary>Begins <paramref name="exchange"/> now, or holds it if it is not due yet.</summary>
    private void Accept(Http1Exchange exchange)
    {
        if (exchange.NotBeforeTicks != 0 && exchange.NotBeforeTicks > Stopwatch.GetTimestamp())
        {
            held.Enqueue(exchange, exchange.NotBeforeTicks);
            return;
        }

        Begin(exchange);
    }

    /// <summary>Begins every held exchange that is due; called while events are dispatched, so they are written in one pass.</summary>
    private void StartDue()
    {
        if (held.Count == 0)
        {
            return;
        }

        var now = Stopwatch.GetTimestamp();
        while (held.TryPeek(out var exchange, out var due) && due <= now)
        {
            held.Dequeue();
            Begin(exchange);
        }
    }

    private void Begin(Http1Exchange exchange)
    {
        if (exchange.Cancellation.IsCancellationRequested)
        {
            exchange.Cancel();
            return;
        }

        var endpoint = exchange.Endpoint;
        if (endpoint.Index >= idle.Length)
        {
            // A flow step reached a host first seen at run time: its idle pool is added on this, the owning, thread.
            var grown = idle.Length;
            Array.Resize(ref idle, endpoint.Index + 1);
            for (var i = grown; i < idle.Length; i++)
            {
                idle[i] = new Stack<Http1Connection>();
            }
        }

        var pool = idle[endpoint.Index];
        while (pool.TryPop(out var connection))
        {
            // Bytes waiting on an idle connection were sent before this request was written, so they answer nothing; reading
            // them would record them as this request's response. Its readable event may not have been handled yet, so look.
            if (connection.State == Http1ConnectionState.Idle && HasUnreadBytes(connection))
            {
                Close(connection);
                continue;
            }

            if (connection.State == Http1ConnectionState.Idle)
            {
                inFlight++;
                Assign(connection, exchange);
                if (dispatching)
                {
                    pendingWrites.Add(connection);
                }
                else
                {
                    Write(connection);
                }

                return;
            }
        }

        inFlight++;
        Open(endpoint, exchange);
    }

    private void FlushPendingWrites()
    {
        for (var i = 0; i < pendingWrites.Count; i++)
        {
            // A connection may have failed, timed out or been cancelled since its request was queued here.
            var connection = pendingWrites[i];
            if (connection is { State: Http1ConnectionState.Busy, Exchange: not null, SendOffset: 0 })
            {
                Write(connection);
            }
        }

        pendingWrites.Clear();
    }

    private void Assign(Http1Connection connection, Http1Exchange exchange)
    {
        connection.State = Http1ConnectionState.Busy;
        connection.Exchange = exchange;
        connection.SendOffset = 0;
        connection.Parser.Reset(exchange.IsHead, exchange.Capture);
    }

    private void Open(Http1Endpoint endpoint, Http1Exchange exchange)
    {
        var fd = LinuxNative.Socket(endpoint.Family, LinuxNative.SOCK_STREAM | LinuxNative.SOCK_NONBLOCK | LinuxNative.SOCK_CLOEXEC, 0);
        if (fd < 0)
        {
            var errno = LinuxNative.Errno;
            inFlight--;
            Finish(exchange, ErrorKind.Other, 0, $"could not open a socket: {Marshal.GetPInvokeErrorMessage(errno)}{(errno == 24 ? " (raise the open-file limit: ulimit -n)" : "")}");
            return;
        }

        var one = 1;
        LinuxNative.SetSocketOption(fd, LinuxNative.IPPROTO_TCP, LinuxNative.TCP_NODELAY, &one, sizeof(int));
        int result;
        fixed (byte* address = endpoint.SocketAddress)
        {
            result = LinuxNative.Connect(fd, address, endpoint.SocketAddress.Length);
        }

        var connectErrno = result < 0 ? LinuxNative.Errno : 0;
        if (result < 0 && connectErrno != LinuxNative.EINPROGRESS)
        {
            LinuxNative.Close(fd);
            inFlight--;
            Finish(exchange, TransportErrorClassifier.FromErrno(connectErrno), 0, ConnectMessage(endpoint, connectErrno));
            return;
        }

        var connection = Register(fd, endpoint, result < 0 ? ReadWriteInterest : ReadInterest);
        connection.WantsWrite = result < 0;
        Assign(connection, exchange);
        if (result < 0)
        {
            connection.State = Http1ConnectionState.Connecting;
        }
        else
        {
            Volatile.Write(ref connectionsOpened, connectionsOpened + 1);
            Write(connection);
        }
    }

    private Http1Connection Register(int fd, Http1Endpoint endpoint, uint interest)
    {
        if (!freeSlots.TryPop(out var slot))
        {
            if (slotsUsed == slots.Length)
            {
                Array.Resize(ref slots, slots.Length * 2);
            }

            slot = slotsUsed++;
        }

        var token = ((ulong)++generation << 32) | (uint)slot;
        var connection = new Http1Connection(fd, slot, token, endpoint);
        slots[slot] = connection;
        LinuxNative.EpollControl(epoll, LinuxNative.EPOLL_CTL_ADD, fd, interest, token);
        return connection;
    }

    private void OnEvent(Http1Connection connection, uint mask)
    {
        if (connection.State == Http1ConnectionState.Connecting)
        {
            int error = 0, length = sizeof(int);
            LinuxNative.GetSocketOption(connection.Fd, LinuxNative.SOL_SOCKET, LinuxNative.SO_ERROR, &error, &length);
            if (error != 0)
            {
                Fail(connection, TransportErrorClassifier.FromErrno(error), ConnectMessage(connection.Endpoint, error));
                return;
            }

            if ((mask & LinuxNative.EPOLLOUT) == 0)
            {
                return;
            }

            connection.State = Http1ConnectionState.Busy;
            Volatile.Write(ref connectionsOpened, connectionsOpened + 1);
            if (HasUnreadBytes(connection))
            {
                // The server spoke first on a new connection: those bytes answer nothing, and a fresh connection would do
                // the same, so the request fails as a protocol error rather than taking them as its response.
                Fail(connection, ErrorKind.Protocol, Http1FailureMessages.Unsolicited);
                return;
            }

            Write(connection);
            return;
        }

        if ((mask & LinuxNative.EPOLLOUT) != 0 && connection.WantsWrite && connection.State == Http1ConnectionState.Busy)
        {
            Write(connection);
        }

        if ((mask & (LinuxNative.EPOLLIN | LinuxNative.EPOLLRDHUP | LinuxNative.EPOLLHUP | LinuxNative.EPOLLERR)) != 0
            && connection.State is Http1ConnectionState.Busy or Http1ConnectionState.Idle)
        {
            Read(connection);
        }
    }

    private void Write(Http1Connection connection)
    {
        var exchange = connection.Exchange!;
        var bytes = exchange.Bytes;
        var length = exchange.Length;
        if (connection.SendOffset == 0)
        {
            exchange.SendTicks = Stopwatch.GetTimestamp();
        }

        fixed (byte* start = bytes)
        {
            while (connection.SendOffset < length)
            {
                var sent = LinuxNative.Send(connection.Fd, start + connection.SendOffset, length - connection.SendOffset, LinuxNative.MSG_NOSIGNAL);
                if (sent >= 0)
                {
                    connection.SendOffset += (int)sent;
                    continue;
                }

                var errno = LinuxNative.Errno;
                if (errno == LinuxNative.EINTR)
                {
                    continue;
                }

                if (errno == LinuxNative.EAGAIN)
                {
                    SetWriteInterest(connection, true);
                    return;
                }

                Fail(connection, TransportErrorClassifier.FromErrno(errno), $"{Marshal.GetPInvokeErrorMessage(errno)} while sending");
                return;
            }
        }

        SetWriteInterest(connection, false);
    }

    /// <summary>Whether the server has sent bytes not yet read (peeked, so nothing is consumed; a close alone does not count).</summary>
    private static bool HasUnreadBytes(Http1Connection connection)
    {
        byte probe;
        return LinuxNative.Receive(connection.Fd, &probe, 1, LinuxNative.MSG_PEEK | LinuxNative.MSG_DONTWAIT) > 0;
    }

    private void SetWriteInterest(Http1Connection connection, bool wanted)
    {
        if (connection.WantsWrite != wanted)
        {
            connection.WantsWrite = wanted;
            LinuxNative.EpollControl(epoll, LinuxNative.EPOLL_CTL_MOD, connection.Fd, wanted ? ReadWriteInterest : ReadInterest, connection.Token);
        }
    }

    private void Read(Http1Connection connection)
    {
        fixed (byte* buffer = receiveBuffer)
        {
            while (true)
            {
                var carried = connection.CarryLength;
                if (carried > 0)
                {
                    connection.Carry.AsSpan(0, carried).CopyTo(receiveBuffer);
                }

                var received = LinuxNative.Receive(connection.Fd, buffer + carried, ReceiveBufferSize - carried, 0);
                if (received < 0)
                {
                    var errno = LinuxNative.Errno;
                    if (errno == LinuxNative.EINTR)
                    {
                        continue;
                    }

                    if (errno != LinuxNative.EAGAIN)
                    {
                        Fail(connection, TransportErrorClassifier.FromErrno(errno), $"{Marshal.GetPInvokeErrorMessage(errno)} while reading the response");
                    }

                    return;
                }

                if (connection.State != Http1ConnectionState.Busy)
                {
                    // An idle keep-alive connection that the server closed (or, against the protocol, spoke on): retire it.
                    Close(connection);
                    return;
                }

                var exchange = connection.Exchange!;
                if (received == 0)
                {
                    if (connection.Parser.ReadsUntilClose)
                    {
                        Succeed(connection, keepAlive: false);
                    }
                    else
                    {
                        Fail(connection, ErrorKind.Reset, Http1FailureMessages.ClosedEarly);
                    }

                    return;
                }

                exchange.BytesReceived += received;
                var data = new ReadOnlySpan<byte>(buffer, carried + (int)received);
                var status = connection.Parser.Parse(data, out var consumed);
                if (status == ResponseParseStatus.Complete)
                {
                    // Bytes after a complete response were not asked for (no pipelining): the connection is out of step, retire it.
                    Succeed(connection, keepAlive: !connection.Parser.CloseConnection && consumed == data.Length);
                    return;
                }

                if (status == ResponseParseStatus.Invalid)
                {
                    Fail(connection, ErrorKind.Protocol, Http1FailureMessages.NotHttp);
                    return;
                }

                if (status == ResponseParseStatus.TooLarge)
                {
                    Fail(connection, ErrorKind.Protocol, Http1FailureMessages.BodyTooLarge);
                    return;
                }

                Carry(connection, data[consumed..]);
                if (carried + received < ReceiveBufferSize)
                {
                    return;
                }
            }
        }
    }

    private static void Carry(Http1Connection connection, ReadOnlySpan<byte> rest)
    {
        if (rest.IsEmpty)
        {
            ReturnCarry(connection);
            return;
        }

        if (connection.Carry is null || connection.Carry.Length < rest.Length)
        {
            ReturnCarry(connection);
            connection.Carry = ArrayPool<byte>.Shared.Rent(Math.Max(rest.Length, 256));
        }

        rest.CopyTo(connection.Carry);
        connection.CarryLength = rest.Length;
    }

    private static void ReturnCarry(Http1Connection connection)
    {
        if (connection.Carry is { } carry)
        {
            ArrayPool<byte>.Shared.Return(carry);
            connection.Carry = null;
        }

        connection.CarryLength = 0;
    }

    private void Succeed(Http1Connection connection, bool keepAlive)
    {
        var exchange = connection.Exchange!;
        var status = connection.Parser.Status;
        connection.Exchange = null;
        connection.Reused = true;
        ReturnCarry(connection);
        if (keepAlive)
        {
            connection.State = Http1ConnectionState.Idle;
            idle[connection.Endpoint.Index].Push(connection);
        }
        else
        {
            Close(connection);
        }

        var error = ErrorKindNames.FromStatus(status);
        if (error != ErrorKind.None && owner.Examples.Wants(error))
        {
            owner.Examples.Offer(error, $"HTTP {status} from {exchange.Describe()}");
        }

        inFlight--;
        exchange.Complete(new TransportResult(status, error, exchange.SendTicks, Stopwatch.GetTimestamp(), exchange.Length, exchange.BytesReceived));
    }

    /// <summary>The connection failed: close it and settle its request (retrying once if a stale keep-alive connection was closed under it).</summary>
    private void Fail(Http1Connection connection, ErrorKind kind, string message)
    {
        var exchange = connection.Exchange;
        var staleKeepAlive = connection.Reused && kind == ErrorKind.Reset && exchange is { BytesReceived: 0, Retried: false };
        Close(connection);
        if (exchange is null)
        {
            return;
        }

        inFlight--;
        if (staleKeepAlive)
        {
            exchange!.Retried = true;
            Begin(exchange);
            return;
        }

        Finish(exchange!, kind, exchange!.BytesReceived, $"{message} ({exchange.Describe()})");
    }

    private void Finish(Http1Exchange exchange, ErrorKind kind, long received, string message)
    {
        if (owner.Examples.Wants(kind))
        {
            owner.Examples.Offer(kind, message);
        }

        var now = Stopwatch.GetTimestamp();
        exchange.Complete(new TransportResult(0, kind, exchange.SendTicks == 0 ? now : exchange.SendTicks, now, exchange.SendTicks == 0 ? 0 : exchange.Length, received));
    }

    private void Close(Http1Connection connection)
    {
        if (connection.State == Http1ConnectionState.Closed)
        {
            return;
        }

        connection.State = Http1ConnectionState.Closed;
        connection.Exchange = null;
        ReturnCarry(connection);
        LinuxNative.Close(connection.Fd);
        slots[connection.Slot] = null;
        freeSlots.Push(connection.Slot);
    }

    private void ScanDeadlines(long now)
    {
        if (held.Count > 0)
        {
            CancelHeld();
        }

        for (var i = 0; i < slotsUsed; i++)
        {
            if (slots[i] is not { Exchange: { } exchange } connection)
            {
                continue;
            }

            if (exchange.Cancellation.IsCancellationRequested)
            {
                connection.Exchange = null;
                Close(connection);
                inFlight--;
                exchange.Cancel();
            }
            else if (now > exchange.DeadlineTicks)
            {
                connection.Exchange = null;
                Close(connection);
                inFlight--;
                Finish(exchange, ErrorKind.Timeout, exchange.BytesReceived, Http1FailureMessages.Timeout(exchange.Timeout, exchange.Describe()));
            }
        }
    }

    /// <summary>Settles held exchanges whose run was cancelled; they are never written.</summary>
    private void CancelHeld()
    {
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

        // Rare (the run is being cancelled): rebuild the heap without them, and settle them only after, because a settled
        // exchange's continuation runs inline and may hand this loop new work.
        sweep.Clear();
        while (held.TryDequeue(out var exchange, out var due))
        {
            sweep.Add((exchange, due));
        }

        var cancelled = 0;
        for (var i = 0; i < sweep.Count; i++)
        {
            if (sweep[i].Exchange.Cancellation.IsCancellationRequested)
            {
                sweep[cancelled++] = sweep[i];
            }
            else
            {
                held.Enqueue(sweep[i].Exchange, sweep[i].Due);
            }
        }

        for (var i = 0; i < cancelled; i++)
        {
            sweep[i].Exchange.Cancel();
        }

        sweep.Clear();
    }

    /// <summary>
    /// If the earliest held exchange is due within <see cref="wakeLead"/>, spins until then and begins everything due: a sleep
    /// that short would end late, and costs a context switch more than the spin.
    /// </summary>
    private void StartImminent()
    {
        // Something handed in since the wait began may be due even sooner (Submit does not wake the loop for it).
        DrainIncoming();
        if (!held.TryPeek(out _, out var due) || due - Stopwatch.GetTimestamp() > wakeLead)
        {
            return;
        }

        while (Stopwatch.GetTimestamp() < due)
        {
            Thread.SpinWait(10);
        }

        var now = Stopwatch.GetTimestamp();
        while (held.TryPeek(out var exchange, out due) && due <= now)
        {
            held.Dequeue();
            Begin(exchange);
        }
    }

    private static string ConnectMessage(Http1Endpoint endpoint, int errno) =>
        $"could not connect to {endpoint.Authority} ({endpoint.Address}): {Marshal.GetPInvokeErrorMessage(errno)}";
}
