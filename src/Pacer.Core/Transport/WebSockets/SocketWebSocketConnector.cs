using System.Buffers;
using System.Diagnostics;
using System.Net.Security;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Security.Authentication;

namespace Pacer.Core.Transport.WebSockets;

/// <summary>
/// Opens sockets with its own opening handshake (<see cref="WebSocketHandshake"/>) over a plain <see cref="Socket"/> (and
/// <see cref="SslStream"/> for wss://), then hands the connection to .NET's RFC 6455 framing
/// (<see cref="WebSocket.CreateFromStream(Stream, WebSocketCreationOptions)"/>: masking, fragments, control frames, the close
/// handshake, UTF-8 checks).
/// <para>
/// Why not <see cref="ClientWebSocketConnector"/>: <see cref="ClientWebSocket"/> upgrades through a SocketsHttpHandler made for
/// each connect, and the upgraded stream keeps that HTTP connection alive underneath, with its 4 KB read and 4 KB write
/// buffers and its connection pool: measured (bench/websocket.sh), 12 KB of managed heap and 18 KB of RSS per idle socket
/// before Pacer adds anything, against 1.7 KB and 5 KB for a bare socket with a pending read; issue 18 allows 8 KB. Over its
/// own stream the same framing code keeps only its own small header buffer and state: with Pacer's session, 3.0 KB of heap per
/// idle socket (bench/README.md). Why not framing of our own
/// over the lean engine: .NET's framing is well kept and conformance-tested, and with it the bytes per socket are already
/// within a kilobyte or two of the bare socket's, so our own would save little and would be one more protocol to get right.
/// </para>
/// A refused upgrade keeps the server's HTTP status; nothing listening, a timeout and a broken handshake are told apart, as
/// <see cref="ClientWebSocketConnector"/> tells them. It does not go through an HTTP proxy (a load generator talks to its
/// target directly).
/// </summary>
internal sealed class SocketWebSocketConnector : IWebSocketConnector
{
    /// <summary>The longest answer head read: a larger one is not a handshake.</summary>
    private const int MaxHeadBytes = 16 * 1024;

    public IReadOnlySet<string> Schemes { get; } = new HashSet<string>(StringComparer.Ordinal) { "ws", "wss" };

    public async Task<(WebSocketOutcome Outcome, WebSocketSession? Session)> ConnectAsync(WebSocketConnectRequest request, Action? onMessage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var key = WebSocketHandshake.NewKey();
        if (!WebSocketHandshake.TryWriteRequest(request.Address, key, request.Headers, request.Subprotocols, out var upgrade, out var problem))
        {
            // A header or subprotocol that cannot be sent: nothing went out.
            var now = Stopwatch.GetTimestamp();
            return (new WebSocketOutcome(WebSocketFailure.Protocol, 0, $"the handshake was not sent: {problem}", now, now), null);
        }

        var start = Stopwatch.GetTimestamp();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(request.Timeout);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        Stream? stream = null;
        var stage = "connect";
        try
        {
            var secure = request.Address.Scheme == "wss";
            await socket.ConnectAsync(request.Address.IdnHost, request.Address.Port, limit.Token).ConfigureAwait(false);
            stream = new NetworkStream(socket, ownsSocket: true);
            if (secure)
            {
                stage = "tls";
                var tls = new SslStream(stream, leaveInnerStreamOpen: false);
                stream = tls;
                await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
                {
                    TargetHost = request.Address.IdnHost,
                    RemoteCertificateValidationCallback = request.SkipCertificateValidation ? static (_, _, _, _) => true : null,
                }, limit.Token).ConfigureAwait(false);
            }

            stage = "handshake";
            await stream.WriteAsync(upgrade, limit.Token).ConfigureAwait(false);
            var (answer, leading) = await ReadAnswerAsync(stream, key, request.Subprotocols, limit.Token).ConfigureAwait(false);
            var end = Stopwatch.GetTimestamp();
            if (!answer.Accepted)
            {
                await stream.DisposeAsync().ConfigureAwait(false);
                return answer.Status is > 0 and not 101
                    ? (new WebSocketOutcome(WebSocketFailure.Handshake, answer.Status, answer.Problem, start, end), null)
                    : (new WebSocketOutcome(WebSocketFailure.Protocol, 0, $"the handshake failed: {answer.Problem}", start, end), null);
            }

            // No keep-alive pings of our own: a journey's messages are what is measured, and an idle socket stays idle.
            // A socket that pings gets PingStream beneath the framing (see there: .NET's WebSocket cannot ping on request or
            // report a pong); the bytes that came with the 101 are frames, so it sees them too.
            Stream frames = leading.Length > 0 ? new LeadingBytesStream(stream, leading) : stream;
            var pings = request.Ping ? new PingStream(frames, afterHead: true) : null;
            var framed = WebSocket.CreateFromStream(
                pings ?? frames,
                new WebSocketCreationOptions { IsServer = false, SubProtocol = answer.Subprotocol, KeepAliveInterval = TimeSpan.Zero });
            return (new WebSocketOutcome(WebSocketFailure.None, 101, string.Empty, start, end), new WebSocketSession(framed, end, onMessage, pings));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The handshake's own timeout ran out: classified, not thrown.
            await DropAsync(socket, stream).ConfigureAwait(false);
            return (new WebSocketOutcome(WebSocketFailure.Timeout, 0, $"no handshake within {request.Timeout.TotalMilliseconds:0.###} ms", start, Stopwatch.GetTimestamp()), null);
        }
        catch (OperationCanceledException)
        {
            // The run ended during the handshake: the socket is dropped and the cancellation goes on up, as for an exchange.
            await DropAsync(socket, stream).ConfigureAwait(false);
            throw;
        }
        catch (Exception e) when (e is SocketException or IOException or AuthenticationException)
        {
            // Nothing accepted the connection, TLS failed, or the connection ended before the server answered the upgrade: as
            // ClientWebSocket reports them, all before any HTTP answer, so refused.
            await DropAsync(socket, stream).ConfigureAwait(false);
            return (new WebSocketOutcome(WebSocketFailure.Refused, 0, $"the handshake failed ({stage}): {e.Message}", start, Stopwatch.GetTimestamp()), null);
        }
    }

    /// <summary>
    /// Reads the server's answer through its blank line. Bytes read past it already belong to the socket's first frames and
    /// are returned to be read first.
    /// </summary>
    private static async Task<(WebSocketHandshakeAnswer Answer, byte[] Leading)> ReadAnswerAsync(Stream stream, string key, IReadOnlyList<string> subprotocols, CancellationToken cancellationToken)
    {
        // The buffer is rented only once the answer has begun to arrive: a zero-byte read waits for it without one. Holding a
        // 16 KB array through the wait made ten thousand concurrent handshakes ten thousand fresh arrays (the pool keeps a
        // few), 160 MB that lived through gen0 collections, was promoted and then left the older generations full of holes
        // (bench/README.md, memory per idle socket).
        byte[]? buffer = null;
        try
        {
            var length = 0;
            while (true)
            {
                if (buffer is null)
                {
                    await stream.ReadAsync(Memory<byte>.Empty, cancellationToken).ConfigureAwait(false);
                    buffer = ArrayPool<byte>.Shared.Rent(MaxHeadBytes);
                }

                var read = await stream.ReadAsync(buffer.AsMemory(length, MaxHeadBytes - length), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    throw new IOException(length == 0 ? "the server closed the connection without answering the upgrade" : "the server closed the connection in the middle of its answer");
                }

                length += read;
                var head = WebSocketHandshake.HeadLength(buffer.AsSpan(0, length));
                if (head > 0)
                {
                    return (WebSocketHandshake.ReadAnswer(buffer.AsSpan(0, head), key, subprotocols), buffer.AsSpan(head, length - head).ToArray());
                }

                if (length == MaxHeadBytes)
                {
                    return (WebSocketHandshake.ReadAnswer(buffer.AsSpan(0, length), key, subprotocols) is { Accepted: false, Status: > 0 and not 101 } refused
                        ? refused
                        : new WebSocketHandshakeAnswer(0, null, $"the answer's head was longer than {MaxHeadBytes / 1024} KB"), []);
                }
            }
        }
        finally
        {
            if (buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    private static async ValueTask DropAsync(Socket socket, Stream? stream)
    {
        if (stream is not null)
        {
            await stream.DisposeAsync().ConfigureAwait(false);
        }

        socket.Dispose();
    }
}
