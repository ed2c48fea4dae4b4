using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Pacer.Core.Plans;

namespace Pacer.Core.Transport.Http1;

/// <summary>
/// The lean HTTP/1.1 transport where epoll is not available (macOS, Windows): the same pre-encoded requests and incremental
/// response parser as <see cref="Http1Transport"/>, over .NET's asynchronous <see cref="Socket"/> API with a keep-alive pool per
/// endpoint. Slower than the event loops (a task and a timeout per request) but far leaner than HttpClient.
/// </summary>
internal sealed class SocketHttp1Transport : ITransport
{
    private const int ReceiveBufferSize = 16 * 1024;

    private readonly Http1RequestTable table;
    private readonly ConcurrentStack<Connection>[] idle;
    private readonly FirstErrorExamples examples = new();
    private volatile bool disposed;

    public SocketHttp1Transport(IReadOnlyList<RequestSpec> requests)
    {
        table = new Http1RequestTable(requests);
        idle = [.. Enumerable.Range(0, table.EndpointCount).Select(_ => new ConcurrentStack<Connection>())];
    }

    public string Name => "pacer-http1/socket";

    public IReadOnlyDictionary<ErrorKind, string> FirstErrorExamples => examples.Snapshot();

    public async ValueTask<TransportResult> SendAsync(RequestSpec request, CancellationToken cancellationToken)
    {
        var now = Stopwatch.GetTimestamp();
        if (!table.TryGet(request, out var wire))
        {
            return Failure(ErrorKind.Dns, table.Unresolved(request), now, 0, 0);
        }

        cancellationToken.ThrowIfCancellationRequested();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(request.Timeout);
        for (var attempt = 0; ; attempt++)
        {
            var reused = idle[wire.Endpoint.Index].TryPop(out var connection);
            var send = Stopwatch.GetTimestamp();
            long received = 0;
            try
            {
                connection ??= await Connection.OpenAsync(wire.Endpoint, timeout.Token);
                send = Stopwatch.GetTimestamp();
                await connection.Socket.SendAsync(wire.Bytes, SocketFlags.None, timeout.Token);
                var (status, keepAlive, bytes) = await connection.ReceiveAsync(wire.IsHead, timeout.Token);
                received = bytes;
                if (keepAlive && !disposed)
                {
                    idle[wire.Endpoint.Index].Push(connection);
                }
                else
                {
                    connection.Dispose();
                }

                var error = ErrorKindNames.FromStatus(status);
                if (error != ErrorKind.None && examples.Wants(error))
                {
                    examples.Offer(error, $"HTTP {status} from {request.Method} {request.Url}");
                }

                return new TransportResult(status, error, send, Stopwatch.GetTimestamp(), wire.Bytes.Length, received);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                connection?.Dispose();
                throw;
            }
            catch (OperationCanceledException)
            {
                connection?.Dispose();
                return Failure(ErrorKind.Timeout, $"no complete response within {request.Timeout.TotalMilliseconds:0} ms from {request.Method} {request.Url}", send, wire.Bytes.Length, received);
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
                return Failure(kind, $"{e.Message} ({request.Method} {request.Url})", send, wire.Bytes.Length, received);
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        disposed = true;
        foreach (var stack in idle)
        {
            while (stack.TryPop(out var connection))
            {
                connection.Dispose();
            }
        }

        return ValueTask.CompletedTask;
    }

    private TransportResult Failure(ErrorKind kind, string message, long send, long sent, long received)
    {
        if (examples.Wants(kind))
        {
            examples.Offer(kind, message);
        }

        return new TransportResult(0, kind, send, Stopwatch.GetTimestamp(), sent, received);
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
        private Http1ResponseParser parser;

        public Socket Socket { get; } = socket;

        /// <summary>Bytes received for the response in progress (0: the server said nothing, so a retry is safe).</summary>
        public long BytesReceived { get; private set; }

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

        /// <summary>Reads one whole response: its status, whether the connection stays usable, and the bytes read.</summary>
        public async Task<(int Status, bool KeepAlive, long Bytes)> ReceiveAsync(bool isHead, CancellationToken cancellationToken)
        {
            parser.Reset(isHead);
            BytesReceived = 0;
            var filled = 0;
            while (true)
            {
                var n = await Socket.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None, cancellationToken);
                if (n == 0)
                {
                    return parser.ReadsUntilClose
                        ? (parser.Status, false, BytesReceived)
                        : throw new ProtocolViolation(ErrorKind.Reset, "the server closed the connection before a complete response");
                }

                BytesReceived += n;
                filled += n;
                var status = parser.Parse(buffer.AsSpan(0, filled), out var consumed);
                if (status == ResponseParseStatus.Complete)
                {
                    // Bytes beyond the response were not asked for (no pipelining): the connection is out of step.
                    return (parser.Status, !parser.CloseConnection && consumed == filled, BytesReceived);
                }

                if (status == ResponseParseStatus.Invalid)
                {
                    throw new ProtocolViolation(ErrorKind.Protocol, "the response is not valid HTTP/1.1");
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

        public void Dispose() => Socket.Dispose();
    }
}
