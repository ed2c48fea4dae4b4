using System.Buffers;
using System.Diagnostics;
using System.Net.WebSockets;

namespace Pacer.Core.Transport.WebSockets;

/// <summary>
/// One open WebSocket. A receive loop owns the socket's reading side from the handshake on: it joins each message's
/// fragments, stamps the message when its last byte arrived (so the time a step took to come round to reading it is never
/// charged to the server), counts it, and queues it for the steps; control frames (ping, pong) are answered by the socket.
/// Steps send, take the next queued message with a timeout, and close. Every failure is returned as a
/// <see cref="WebSocketOutcome"/>, never thrown.
/// </summary>
internal sealed class WebSocketSession : IAsyncDisposable
{
    /// <summary>The largest message kept (a step's checks read it); a larger one is a protocol failure of the session.</summary>
    public const int MaxMessageBytes = ExchangeResponse.MaxBodyBytes;

    private readonly WebSocket socket;
    private readonly WebSocketInbox inbox = new();
    private readonly CancellationTokenSource stopping = new();
    private readonly Action? onMessage;
    private readonly Task pump;
    private long received;
    private int ended;
    private int stopped;

    private readonly PingStream? pings;

    public WebSocketSession(WebSocket socket, long openedTicks, Action? onMessage, PingStream? pings = null)
    {
        this.socket = socket;
        this.onMessage = onMessage;
        this.pings = pings;
        OpenedTicks = openedTicks;
        // Started here rather than through Task.Run (one task and wrapper less per socket): the loop's first await is its
        // zero-byte receive, which goes pending at once, so the caller is not held.
        pump = PumpAsync();
    }

    /// <summary>When the handshake completed (Stopwatch ticks).</summary>
    public long OpenedTicks { get; }

    /// <summary>The subprotocol the server chose, if any.</summary>
    public string? Subprotocol => socket.SubProtocol;

    /// <summary>True while the socket is open both ways (not closed by either side, not broken).</summary>
    public bool IsOpen => socket.State == WebSocketState.Open && Volatile.Read(ref ended) == 0;

    /// <summary>Messages received so far (counted by the receive loop, whether a step read them or not).</summary>
    public long Received => Interlocked.Read(ref received);

    /// <summary>Why the receive loop ended (<see cref="WebSocketFailure.None"/> while it runs or after our own close).</summary>
    public WebSocketFailure EndFailure { get; private set; }

    /// <summary>The peer's close code when it closed the socket (0 when it did not, or sent none).</summary>
    public int PeerCloseCode { get; private set; }

    /// <summary>What ended the receive loop, for an error report.</summary>
    public string EndProblem { get; private set; } = string.Empty;

    /// <summary>Sends one whole message; the outcome's start and end bracket the write.</summary>
    public async Task<WebSocketOutcome> SendAsync(ReadOnlyMemory<byte> payload, bool binary, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        if (socket.State != WebSocketState.Open)
        {
            return Ended(start, "the socket was no longer open to send on");
        }

        try
        {
            await socket.SendAsync(payload, binary ? WebSocketMessageType.Binary : WebSocketMessageType.Text, endOfMessage: true, cancellationToken).ConfigureAwait(false);
            return new WebSocketOutcome(WebSocketFailure.None, 0, string.Empty, start, Stopwatch.GetTimestamp());
        }
        catch (WebSocketException e)
        {
            // The connection broke under the write: a failure of this step, as data.
            return new WebSocketOutcome(WebSocketFailure.Closed, PeerCloseCode, $"the send failed: {e.Message}", start, Stopwatch.GetTimestamp());
        }
        catch (IOException e)
        {
            // As above: the connection went away under the write.
            return new WebSocketOutcome(WebSocketFailure.Closed, PeerCloseCode, $"the send failed: {e.Message}", start, Stopwatch.GetTimestamp());
        }
    }

    /// <summary>
    /// The next message (one received before the call is taken at once), or the reason there is none: the timeout ran out, or
    /// the socket ended (closed by the peer, broken). The run's cancellation throws, as every exchange does.
    /// </summary>
    public async Task<WebSocketOutcome> ReceiveAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        if (inbox.TryRead(out var ready))
        {
            return new WebSocketOutcome(WebSocketFailure.None, 0, string.Empty, start, Stopwatch.GetTimestamp(), ready);
        }

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            while (await inbox.WaitToReadAsync(limit.Token).ConfigureAwait(false))
            {
                if (inbox.TryRead(out var message))
                {
                    return new WebSocketOutcome(WebSocketFailure.None, 0, string.Empty, start, Stopwatch.GetTimestamp(), message);
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Our own timeout, not the run's end: the step waited its whole timeout for nothing.
            return new WebSocketOutcome(WebSocketFailure.Timeout, 0, $"no message within {timeout.TotalMilliseconds:0.###} ms", start, Stopwatch.GetTimestamp());
        }

        return Ended(start, "the socket ended before a message came");
    }

    /// <summary>
    /// Sends a ping and waits up to <paramref name="timeout"/> for its pong: the outcome's start is when the ping was written,
    /// its end when the pong's read returned. A socket not opened to ping (<see cref="WebSocketConnectRequest.Ping"/>) cannot.
    /// </summary>
    public async Task<WebSocketOutcome> PingAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        if (pings is null)
        {
            return new WebSocketOutcome(WebSocketFailure.Protocol, 0, "the socket was not opened to ping", start, start);
        }

        if (!IsOpen)
        {
            return Ended(start, "the socket was no longer open to ping on");
        }

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            var (sent, answered) = await pings.PingAsync(limit.Token).ConfigureAwait(false);
            return new WebSocketOutcome(WebSocketFailure.None, 0, string.Empty, sent, answered);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Our own timeout, or the socket went away under the wait: told apart by whether it is still open.
            return IsOpen
                ? new WebSocketOutcome(WebSocketFailure.Timeout, 0, $"no pong within {timeout.TotalMilliseconds:0.###} ms", start, Stopwatch.GetTimestamp())
                : Ended(start, "the socket ended before the pong came");
        }
        catch (IOException e)
        {
            // The connection broke under the ping's write: a failure of this step, as data.
            return new WebSocketOutcome(WebSocketFailure.Closed, PeerCloseCode, $"the ping failed: {e.Message}", start, Stopwatch.GetTimestamp());
        }
        catch (ObjectDisposedException e)
        {
            // As above: the connection is already gone.
            return new WebSocketOutcome(WebSocketFailure.Closed, PeerCloseCode, $"the ping failed: {e.Message}", start, Stopwatch.GetTimestamp());
        }
    }

    /// <summary>
    /// Closes with <paramref name="code"/>: sends the close frame, then waits up to <paramref name="timeout"/> for the peer's
    /// (the receive loop reads it); a peer that does not answer in time is cut off. The outcome's end is when the socket was done.
    /// </summary>
    public async Task<WebSocketOutcome> CloseAsync(int code, string reason, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        if (Interlocked.Exchange(ref ended, 1) == 1)
        {
            return new WebSocketOutcome(WebSocketFailure.None, 0, string.Empty, start, start);
        }

        if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(timeout);
            try
            {
                await socket.CloseOutputAsync((WebSocketCloseStatus)code, reason, limit.Token).ConfigureAwait(false);
                await pump.WaitAsync(limit.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // The peer did not answer the close in time: cut the connection (below); the close itself is ours, not a failure.
            }
            catch (WebSocketException)
            {
                // The connection broke while closing: it is closed either way.
            }
            catch (IOException)
            {
                // As above.
            }
        }

        await StopAsync().ConfigureAwait(false);
        return new WebSocketOutcome(WebSocketFailure.None, 0, string.Empty, start, Stopwatch.GetTimestamp());
    }

    /// <summary>Cuts the connection without a close handshake (the run is ending) and waits for the receive loop.</summary>
    public async ValueTask DisposeAsync()
    {
        Interlocked.Exchange(ref ended, 1);
        await StopAsync().ConfigureAwait(false);
    }

    private async Task StopAsync()
    {
        if (Interlocked.Exchange(ref stopped, 1) == 1)
        {
            return;
        }

        await stopping.CancelAsync().ConfigureAwait(false);
        socket.Abort();
        try
        {
            await pump.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The loop ends by our cancellation; nothing was lost (every message it completed is counted and queued).
        }

        socket.Dispose();
        stopping.Dispose();
    }

    private WebSocketOutcome Ended(long start, string what) =>
        EndFailure == WebSocketFailure.Protocol
            ? new WebSocketOutcome(WebSocketFailure.Protocol, 0, EndProblem, start, Stopwatch.GetTimestamp())
            : new WebSocketOutcome(WebSocketFailure.Closed, PeerCloseCode, PeerCloseCode > 0 ? $"{what}: the peer closed it with code {PeerCloseCode}" : $"{what}: {EndProblem}", start, Stopwatch.GetTimestamp());

    /// <summary>
    /// The receive loop. Between messages it waits with a zero-byte receive, which holds no buffer (the framing reads the next
    /// frame's header into its own small buffer): an idle socket then costs no receive buffer at all, and ten thousand idle
    /// sockets share the few pooled buffers the busy ones use while a message comes in (bench/websocket.sh measures it).
    /// </summary>
    private async Task PumpAsync()
    {
        try
        {
            while (true)
            {
                var first = await socket.ReceiveAsync(Memory<byte>.Empty, stopping.Token).ConfigureAwait(false);
                if (first.MessageType == WebSocketMessageType.Close)
                {
                    await PeerClosedAsync().ConfigureAwait(false);
                    return;
                }

                var (payload, type) = first.EndOfMessage ? ([], first.MessageType) : await ReadMessageAsync().ConfigureAwait(false);
                if (payload is null)
                {
                    // The peer closed in the middle of a message, or sent one too large to keep: already recorded.
                    return;
                }

                var message = new WebSocketMessage(payload, type == WebSocketMessageType.Binary, Stopwatch.GetTimestamp());
                Interlocked.Increment(ref received);
                onMessage?.Invoke();
                inbox.TryWrite(message);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Our own close or the run's end stopped the loop.
        }
        catch (WebSocketException e) when (Volatile.Read(ref ended) == 0)
        {
            // A broken frame, or the connection gone without a close frame: the socket is over, and the steps that wait on it
            // are told why.
            EndFailure = e.WebSocketErrorCode is WebSocketError.ConnectionClosedPrematurely ? WebSocketFailure.Closed : WebSocketFailure.Protocol;
            EndProblem = e.WebSocketErrorCode is WebSocketError.ConnectionClosedPrematurely ? "the connection ended without a close frame" : $"protocol error: {e.Message}";
        }
        catch (WebSocketException)
        {
            // We aborted the socket ourselves (closing, or the run's end): nothing failed.
        }
        finally
        {
            inbox.Complete();
        }
    }

    /// <summary>
    /// Reads the rest of a message whose first frame has come in, into a pooled buffer that grows as the message does; null
    /// when the socket ended instead (the peer's close, or a message larger than <see cref="MaxMessageBytes"/>).
    /// </summary>
    private async Task<(byte[]? Payload, WebSocketMessageType Type)> ReadMessageAsync()
    {
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length >= MaxMessageBytes)
                    {
                        EndFailure = WebSocketFailure.Protocol;
                        EndProblem = $"a message was larger than {MaxMessageBytes / (1024 * 1024)} MiB";
                        socket.Abort();
                        return (null, default);
                    }

                    var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, MaxMessageBytes));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var result = await socket.ReceiveAsync(buffer.AsMemory(length, Math.Min(buffer.Length, MaxMessageBytes) - length), stopping.Token).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    await PeerClosedAsync().ConfigureAwait(false);
                    return (null, default);
                }

                length += result.Count;
                if (result.EndOfMessage)
                {
                    return (buffer.AsSpan(0, length).ToArray(), result.MessageType);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Records the peer's close and answers it, so its side completes cleanly; a step that uses the socket later sees it closed.</summary>
    private async Task PeerClosedAsync()
    {
        PeerCloseCode = (int)(socket.CloseStatus ?? 0);
        EndFailure = WebSocketFailure.Closed;
        EndProblem = $"the peer closed the socket{(PeerCloseCode > 0 ? $" with code {PeerCloseCode}" : string.Empty)}";
        if (socket.State == WebSocketState.CloseReceived && Volatile.Read(ref ended) == 0)
        {
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, string.Empty, stopping.Token).ConfigureAwait(false);
        }
    }
}
