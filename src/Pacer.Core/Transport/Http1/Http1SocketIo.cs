using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Pacer.Core.Platform;
using Pacer.Core.Platform.Linux;

namespace Pacer.Core.Transport.Http1;

/// <summary>
/// An event loop's socket work: open and connect non-blocking sockets, write a request's bytes (asking epoll for write
/// readiness only when the socket buffer is full), read and parse responses in one receive buffer shared by all the loop's
/// connections, and hand every outcome to the <see cref="Http1Settlement"/>. Touched only by the loop's thread.
/// </summary>
internal sealed unsafe class Http1SocketIo(int epoll, Http1ConnectionTable connections, Http1Settlement settlement)
{
    // Level-triggered on purpose: edge-triggered interest (EPOLLET) spares the kernel re-polling each socket that had an event,
    // but then a wait returns as soon as anything is ready, and at 10,000 connections the loop ran about 4 events per pass
    // instead of about 500, writing in smaller batches: 96,600 against 117,100 requests/s (medians of five rounds against
    // nginx, bench/README.md session 9).
    public const uint ReadInterest = LinuxNative.EPOLLIN | LinuxNative.EPOLLRDHUP;
    public const uint ReadWriteInterest = ReadInterest | LinuxNative.EPOLLOUT;
    private const uint ClosedByPeer = LinuxNative.EPOLLRDHUP | LinuxNative.EPOLLHUP | LinuxNative.EPOLLERR;
    private const int ReceiveBufferSize = 64 * 1024;

    private readonly byte[] receiveBuffer = GC.AllocateUninitializedArray<byte>(ReceiveBufferSize, pinned: true);
    private long connectionsOpened;
    private long connectionsWithStrayBytes;

    /// <summary>Connections established so far; written by the loop, read from any thread.</summary>
    public long ConnectionsOpened => Volatile.Read(ref connectionsOpened);

    /// <summary>Connections closed for bytes no request asked for; written by the loop, read from any thread.</summary>
    public long ConnectionsWithStrayBytes => Volatile.Read(ref connectionsWithStrayBytes);

    /// <summary>Puts <paramref name="exchange"/> on <paramref name="connection"/>, ready to write its first byte.</summary>
    [MethodImpl(HotPath.Shared)]
    public static void Assign(Http1Connection connection, Http1Exchange exchange)
    {
        connection.State = Http1ConnectionState.Busy;
        connection.Exchange = exchange;
        connection.SendOffset = 0;
        connection.Parser.Reset(exchange.IsHead, exchange.Capture);
    }

    /// <summary>Whether the server has sent bytes not yet read (peeked, so nothing is consumed; a close alone does not count).</summary>
    public static bool HasUnreadBytes(Http1Connection connection) => Peek(connection) > 0;

    /// <summary>
    /// Whether an idle connection can still carry a request: not if the server sent bytes while nothing was asked (they
    /// answer nothing, and reading them would record them as the next request's response; counted as stray), closed its
    /// end, or reset it. Peeked, so nothing is consumed.
    /// </summary>
    public bool IsFitForReuse(Http1Connection connection)
    {
        var peeked = Peek(connection);
        if (peeked > 0)
        {
            CountStray();
        }

        return peeked < 0 && LinuxNative.Errno == LinuxNative.EAGAIN;
    }

    /// <summary>Opens a connection to <paramref name="endpoint"/> for <paramref name="exchange"/> and writes it once connected.</summary>
    public void Open(Http1Endpoint endpoint, Http1Exchange exchange)
    {
        var fd = LinuxNative.Socket(endpoint.Family, LinuxNative.SOCK_STREAM | LinuxNative.SOCK_NONBLOCK | LinuxNative.SOCK_CLOEXEC, 0);
        if (fd < 0)
        {
            var errno = LinuxNative.Errno;
            settlement.FailUnconnected(exchange, ErrorKind.Other, $"could not open a socket: {Marshal.GetPInvokeErrorMessage(errno)}{(errno == 24 ? " (raise the open-file limit: ulimit -n)" : "")}");
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
            settlement.FailUnconnected(exchange, TransportErrorClassifier.FromErrno(connectErrno), ConnectMessage(endpoint, connectErrno));
            return;
        }

        var connection = connections.Register(fd, endpoint, result < 0 ? ReadWriteInterest : ReadInterest);
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

    /// <summary>Handles one epoll event of <paramref name="connection"/>: a connect that finished, room to write, bytes or a close to read.</summary>
    [MethodImpl(HotPath.Shared)]
    public void OnEvent(Http1Connection connection, uint mask)
    {
        if (connection.State == Http1ConnectionState.Connecting)
        {
            int error = 0, length = sizeof(int);
            LinuxNative.GetSocketOption(connection.Fd, LinuxNative.SOL_SOCKET, LinuxNative.SO_ERROR, &error, &length);
            if (error != 0)
            {
                settlement.Fail(connection, TransportErrorClassifier.FromErrno(error), ConnectMessage(connection.Endpoint, error));
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
                settlement.Fail(connection, ErrorKind.Protocol, Http1FailureMessages.Unsolicited);
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
            Read(connection, mask);
        }
    }

    /// <summary>Writes what is left of the request on <paramref name="connection"/>; its send time is taken at the first byte.</summary>
    [MethodImpl(HotPath.Shared)]
    public void Write(Http1Connection connection)
    {
        var exchange = connection.Exchange!;
        var bytes = exchange.Bytes;
        var length = exchange.Length;
        if (connection.SendOffset == 0)
        {
            exchange.SendTicks = System.Diagnostics.Stopwatch.GetTimestamp();
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

                settlement.Fail(connection, TransportErrorClassifier.FromErrno(errno), $"{Marshal.GetPInvokeErrorMessage(errno)} while sending");
                return;
            }
        }

        SetWriteInterest(connection, false);
    }

    private void SetWriteInterest(Http1Connection connection, bool wanted)
    {
        if (connection.WantsWrite != wanted)
        {
            connection.WantsWrite = wanted;
            LinuxNative.EpollControl(epoll, LinuxNative.EPOLL_CTL_MOD, connection.Fd, wanted ? ReadWriteInterest : ReadInterest, connection.Token);
        }
    }

    [MethodImpl(HotPath.Shared)]
    private void Read(Http1Connection connection, uint mask)
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
                        settlement.Fail(connection, TransportErrorClassifier.FromErrno(errno), $"{Marshal.GetPInvokeErrorMessage(errno)} while reading the response");
                    }

                    return;
                }

                if (connection.State != Http1ConnectionState.Busy)
                {
                    // An idle keep-alive connection that the server closed (or, against the protocol, spoke on): retire it.
                    if (received > 0)
                    {
                        CountStray();
                    }

                    connections.Close(connection);
                    return;
                }

                var exchange = connection.Exchange!;
                if (received == 0)
                {
                    if (connection.Parser.ReadsUntilClose)
                    {
                        settlement.Succeed(connection, keepAlive: false);
                    }
                    else
                    {
                        settlement.Fail(connection, ErrorKind.Reset, Http1FailureMessages.ClosedEarly);
                    }

                    return;
                }

                exchange.BytesReceived += received;
                var data = new ReadOnlySpan<byte>(buffer, carried + (int)received);
                var status = connection.Parser.Parse(data, out var consumed);
                if (status == ResponseParseStatus.Complete)
                {
                    // Bytes after a complete response were not asked for (no pipelining): the connection is out of step, retire it.
                    var strayBytes = consumed != data.Length;
                    if (strayBytes)
                    {
                        CountStray();
                    }

                    // So is one the server has begun to close (its FIN came with the response): reused at once, in this pass,
                    // the next request would be written to a connection that can no longer answer it.
                    var keepAlive = !connection.Parser.CloseConnection && !strayBytes && (mask & ClosedByPeer) == 0;
                    if (keepAlive && carried + received < ReceiveBufferSize)
                    {
                        // A short read: the socket held nothing more when the response was complete (see Http1Connection.DrainedInPass).
                        connection.DrainedInPass = connections.Pass;
                    }

                    settlement.Succeed(connection, keepAlive);
                    return;
                }

                if (status == ResponseParseStatus.Invalid)
                {
                    settlement.Fail(connection, ErrorKind.Protocol, Http1FailureMessages.NotHttp);
                    return;
                }

                if (status == ResponseParseStatus.TooLarge)
                {
                    settlement.Fail(connection, ErrorKind.Protocol, Http1FailureMessages.BodyTooLarge);
                    return;
                }

                connection.KeepCarry(data[consumed..]);
                if (carried + received < ReceiveBufferSize)
                {
                    return;
                }
            }
        }
    }

    /// <summary>One byte of what the server sent, looked at and left in the socket: 1, 0 at a close, −1 with errno (EAGAIN: nothing).</summary>
    private static nint Peek(Http1Connection connection)
    {
        byte probe;
        return LinuxNative.Receive(connection.Fd, &probe, 1, LinuxNative.MSG_PEEK | LinuxNative.MSG_DONTWAIT);
    }

    private void CountStray() => Volatile.Write(ref connectionsWithStrayBytes, connectionsWithStrayBytes + 1);

    private static string ConnectMessage(Http1Endpoint endpoint, int errno) =>
        $"could not connect to {endpoint.Authority} ({endpoint.Address}): {Marshal.GetPInvokeErrorMessage(errno)}";
}
