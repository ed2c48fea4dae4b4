using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;

namespace Pacer.Core.Transport.Http1;

/// <summary>
/// The lean HTTP/1.1 transport where epoll is not available (macOS, Windows), and on Linux when asked for by name: the same
/// framed requests and incremental response parser as <see cref="Http1Transport"/>, over .NET's asynchronous
/// <see cref="Socket"/> API with a keep-alive pool per endpoint. A response is counted and discarded, or kept (headers and
/// de-chunked body) in the <see cref="ExchangeResponse"/> given. It does not hold scheduled exchanges: each is handed over at its time.
/// Slower than the event loops (a task and a timeout per request) but far leaner than HttpClient.
/// </summary>
internal sealed class SocketHttp1Transport : ITransport, IConnectionCount
{
    private const int ReceiveBufferSize = 16 * 1024;

    private readonly Http1Endpoints endpoints;
    private readonly FirstErrorExamples examples = new();
    private readonly Lock growing = new();

    /// <summary>Idle keep-alive connections by endpoint index; grows when a flow step reaches a host first seen at run time.</summary>
    private ConcurrentStack<Connection>[] idle;
    private volatile bool disposed;
    private long connectionsOpened;
    private long connectionsWithStrayBytes;

    /// <summary>A transport whose endpoints start with the hosts of <paramref name="known"/> (a request mix's), resolved now.</summary>
    public SocketHttp1Transport(IReadOnlyList<ExchangeRequest> known)
    {
        endpoints = new Http1Endpoints(known);
        idle = [.. Enumerable.Range(0, endpoints.Count).Select(_ => new ConcurrentStack<Connection>())];
        Capabilities = new TransportCapabilities(Http1Schemes.Http) { Connections = this };
    }

    public string Name => "pacer-http1/socket";

    public TransportCapabilities Capabilities { get; }

    public IReadOnlyDictionary<ErrorKind, string> FirstErrorExamples => examples.Snapshot();

    public long ConnectionsOpened => Interlocked.Read(ref connectionsOpened);

    public long? ConnectionsWithStrayBytes => Interlocked.Read(ref connectionsWithStrayBytes);

    /// <summary>
    /// Finds the endpoint of the request's host (resolved once) and sends the request's wire bytes on a pooled or new
    /// connection. An https:// URL or a host that does not resolve is refused (see <see cref="Http1Endpoints"/>), as on the
    /// event loops. <paramref name="notBeforeTicks"/> must be 0: this transport does not hold exchanges.
    /// </summary>
    public ValueTask<TransportResult> ExchangeAsync(ExchangeRequest request, ExchangeResponse? response, long notBeforeTicks, CancellationToken cancellationToken)
    {
        TransportContract.EnsureNotHeld(this, notBeforeTicks);
        if (endpoints.Find(request, out var refusal, out var reason) is not { } endpoint)
        {
            return ValueTask.FromResult(Refused(refusal, reason!, request));
        }

        var bytes = request.WireArray.AsMemory(0, request.WireLength);
        return SendAsync(new Outgoing(endpoint, bytes, request.IsHead, request.Timeout, response, request), cancellationToken);
    }

    public ValueTask DisposeAsync()
    {
        disposed = true;
        foreach (var stack in Volatile.Read(ref idle))
        {
            while (stack.TryPop(out var connection))
            {
                connection.Dispose();
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>One request on a pooled (or new) connection; its state machine is pooled, so a steady run allocates little per request.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<TransportResult> SendAsync(Outgoing request, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var pool = IdleFor(request.Endpoint);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(request.Timeout);
        for (var attempt = 0; ; attempt++)
        {
            var reused = pool.TryPop(out var connection);
            var send = Stopwatch.GetTimestamp();
            try
            {
                // Bytes waiting on an idle keep-alive connection were sent before this request was written, so they answer
                // nothing: reading them would record another request's (or no request's) response as this one's. The
                // connection is out of step and closed, as is one the server has closed its end of (the request could only
                // be reset there); the request goes on the next idle or a fresh connection.
                while (connection is not null && connection.IsUnfitForReuse)
                {
                    if (connection.HasUnreadBytes)
                    {
                        Interlocked.Increment(ref connectionsWithStrayBytes);
                    }

                    connection.Dispose();
                    reused = pool.TryPop(out connection);
                }

                if (connection is null)
                {
                    connection = await Connection.OpenAsync(request.Endpoint, timeout.Token);
                    Interlocked.Increment(ref connectionsOpened);

                    // A server that speaks first on a new connection: what it sent answers nothing, and a fresh connection
                    // would do the same, so the request fails as a protocol error rather than taking those bytes.
                    if (connection.HasUnreadBytes)
                    {
                        throw new ProtocolViolation(ErrorKind.Protocol, Http1FailureMessages.Unsolicited);
                    }
                }

                send = Stopwatch.GetTimestamp();
                await connection.SendAsync(request.Bytes, timeout.Token);
                var (status, keepAlive, strayBytes) = await connection.ReceiveAsync(request.IsHead, request.Capture, timeout.Token);
                if (strayBytes)
                {
                    Interlocked.Increment(ref connectionsWithStrayBytes);
                }

                if (keepAlive && !disposed)
                {
                    pool.Push(connection);
                }
                else
                {
                    connection.Dispose();
                }

                var error = ErrorKindNames.FromStatus(status);
                if (error != ErrorKind.None && examples.Wants(error))
                {
                    examples.Offer(error, $"HTTP {status} from {request.Describe()}");
                }

                return new TransportResult(status, error, send, Stopwatch.GetTimestamp(), request.Bytes.Length, connection.BytesReceived);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                connection?.Dispose();
                throw;
            }
            catch (OperationCanceledException)
            {
                connection?.Dispose();
                return Failure(ErrorKind.Timeout, Http1FailureMessages.Timeout(request.Timeout, request.Describe()), send, request.Bytes.Length, connection?.BytesReceived ?? 0);
            }
            catch (Exception e) when (e is SocketException or IOException or ProtocolViolation)
            {
                connection?.Dispose();

                // A keep-alive connection the server closed while it sat idle: retry once on a fresh one, as browsers do.
                if (reused && attempt == 0 && connection!.BytesReceived == 0 && e is not ProtocolViolation { Kind: ErrorKind.Protocol })
                {
                    continue;
                }

                var kind = e is ProtocolViolation violation ? violation.Kind : TransportErrorClassifier.Classify(e);
                return Failure(kind, $"{e.Message} ({request.Describe()})", send, request.Bytes.Length, connection?.BytesReceived ?? 0);
            }
        }
    }

    private ConcurrentStack<Connection> IdleFor(Http1Endpoint endpoint)
    {
        var pools = Volatile.Read(ref idle);
        if (endpoint.Index < pools.Length)
        {
            return pools[endpoint.Index];
        }

        lock (growing)
        {
            pools = idle;
            if (endpoint.Index >= pools.Length)
            {
                pools = [.. pools, .. Enumerable.Range(0, endpoint.Index + 1 - pools.Length).Select(_ => new ConcurrentStack<Connection>())];
                Volatile.Write(ref idle, pools);
            }

            return pools[endpoint.Index];
        }
    }

    private TransportResult Failure(ErrorKind kind, string message, long send, long sent, long received)
    {
        if (examples.Wants(kind))
        {
            examples.Offer(kind, message);
        }

        return new TransportResult(0, kind, send, Stopwatch.GetTimestamp(), sent, received);
    }

    /// <summary>A request that never left: recorded as <paramref name="kind"/>, with its message kept if it is the first of its kind.</summary>
    private TransportResult Refused(ErrorKind kind, string reason, ExchangeRequest request)
    {
        if (examples.Wants(kind))
        {
            examples.Offer(kind, Http1Endpoints.Message(kind, reason, request));
        }

        var now = Stopwatch.GetTimestamp();
        return new TransportResult(0, kind, now, now, 0, 0);
    }

    /// <summary>
    /// What one send needs: where, the framed bytes, and where the response goes (null: counted and discarded).
    /// </summary>
    private readonly record struct Outgoing(
        Http1Endpoint Endpoint, ReadOnlyMemory<byte> Bytes, bool IsHead, TimeSpan Timeout, ExchangeResponse? Capture, ExchangeRequest Request)
    {
        /// <summary>"METHOD url" (and a step's name), for error messages; allocates, so only on failures.</summary>
        public string Describe() => Request.Describe();
    }

    /// <summary>The response broke the protocol (or ended early): a classified failure, not a crash.</summary>
    private sealed class ProtocolViolation(ErrorKind kind, string message) : Exception(message)
    {
        public ErrorKind Kind { get; } = kind;
    }

    /// <summary>One keep-alive connection and its receive buffer (bytes of a response not yet parsed stay at its start).</summary>
    private sealed class Connection(Socket socket) : IDisposable
    {
        private readonly byte[] buffer = new byte[ReceiveBufferSize];
        private readonly Socket socket = socket;
        private Http1ResponseParser parser;

        /// <summary>Bytes received for the response in progress (0: the server said nothing, so a retry is safe).</summary>
        public long BytesReceived { get; private set; }

        /// <summary>The server sent something while no request was outstanding (a close alone is not counted here).</summary>
        public bool HasUnreadBytes => socket.Available > 0;

        /// <summary>Bytes or a close from the server wait on this idle connection (readable with nothing asked).</summary>
        public bool IsUnfitForReuse => socket.Poll(0, SelectMode.SelectRead);

        public static async Task<Connection> OpenAsync(Http1Endpoint endpoint, CancellationToken cancellationToken)
        {
            var socket = new Socket(endpoint.Address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(endpoint.Address, endpoint.Port), cancellationToken);
                return new Connection(socket);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        /// <summary>Writes the whole request (a large flow body may take more than one send).</summary>
        public async ValueTask SendAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
        {
            BytesReceived = 0;
            while (!bytes.IsEmpty)
            {
                var sent = await socket.SendAsync(bytes, SocketFlags.None, cancellationToken);
                bytes = bytes[sent..];
            }
        }

        /// <summary>
        /// Reads one whole response: its status, whether the connection stays usable, and whether bytes no request asked for
        /// came after it. The header lines and body go into <paramref name="capture"/> when given (cleared first, so a retry
        /// starts clean).
        /// </summary>
        public async ValueTask<(int Status, bool KeepAlive, bool StrayBytes)> ReceiveAsync(bool isHead, ExchangeResponse? capture, CancellationToken cancellationToken)
        {
            parser.Reset(isHead, capture);
            var filled = 0;
            while (true)
            {
                var n = await socket.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None, cancellationToken);
                if (n == 0)
                {
                    return parser.ReadsUntilClose
                        ? (parser.Status, false, false)
                        : throw new ProtocolViolation(ErrorKind.Reset, Http1FailureMessages.ClosedEarly);
                }

                BytesReceived += n;
                filled += n;
                var status = parser.Parse(buffer.AsSpan(0, filled), out var consumed);
                switch (status)
                {
                    case ResponseParseStatus.Complete:
                        // Bytes beyond the response were not asked for (no pipelining): the connection is out of step.
                        return (parser.Status, !parser.CloseConnection && consumed == filled, consumed != filled);
                    case ResponseParseStatus.Invalid:
                        throw new ProtocolViolation(ErrorKind.Protocol, Http1FailureMessages.NotHttp);
                    case ResponseParseStatus.TooLarge:
                        throw new ProtocolViolation(ErrorKind.Protocol, Http1FailureMessages.BodyTooLarge);
                }

                // Keep what the parser could not use yet (part of a line) at the start of the buffer.
                buffer.AsSpan(consumed, filled - consumed).CopyTo(buffer);
                filled -= consumed;
                if (filled == buffer.Length)
                {
                    throw new ProtocolViolation(ErrorKind.Protocol, $"a response line is longer than {buffer.Length} bytes");
                }
            }
        }

        public void Dispose() => socket.Dispose();
    }
}
