using System.Diagnostics;
using System.Net.Sockets;
using System.Net.WebSockets;

namespace Pacer.Core.Transport.WebSockets;

/// <summary>
/// Opens sockets with .NET's <see cref="ClientWebSocket"/> (RFC 6455 framing, masking, ping answers, TLS for wss://). A
/// refused upgrade keeps the server's HTTP status; nothing listening, a timeout and a broken handshake are told apart.
/// </summary>
internal sealed class ClientWebSocketConnector : IWebSocketConnector
{
    public IReadOnlySet<string> Schemes { get; } = new HashSet<string>(StringComparer.Ordinal) { "ws", "wss" };

    public async Task<(WebSocketOutcome Outcome, WebSocketSession? Session)> ConnectAsync(WebSocketConnectRequest request, Action? onMessage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var client = new ClientWebSocket();
        client.Options.CollectHttpResponseDetails = true;

        // No keep-alive pings of our own: a journey's messages are what is measured, and an idle socket stays idle.
        client.Options.KeepAliveInterval = TimeSpan.Zero;
        try
        {
            foreach (var (name, value) in request.Headers)
            {
                client.Options.SetRequestHeader(name, value);
            }

            foreach (var subprotocol in request.Subprotocols)
            {
                client.Options.AddSubProtocol(subprotocol);
            }
        }
        catch (ArgumentException e)
        {
            // A header or subprotocol the client will not send (not a token, a reserved header): nothing went out.
            client.Dispose();
            var now = Stopwatch.GetTimestamp();
            return (new WebSocketOutcome(WebSocketFailure.Protocol, 0, $"the handshake was not sent: {e.Message}", now, now), null);
        }

        // A socket that pings is opened over a handler of its own, whose plaintext stream (under TLS for wss://) is a
        // PingStream: the only way to send a ping on request and see its pong beneath ClientWebSocket.
        PingStream? pings = null;
        SocketsHttpHandler? handler = null;
        if (request.Ping)
        {
            handler = new SocketsHttpHandler
            {
                PlaintextStreamFilter = (context, _) => ValueTask.FromResult<Stream>(pings = new PingStream(context.PlaintextStream)),
            };
            if (request.SkipCertificateValidation)
            {
                handler.SslOptions.RemoteCertificateValidationCallback = static (_, _, _, _) => true;
            }
        }
        else if (request.SkipCertificateValidation)
        {
            client.Options.RemoteCertificateValidationCallback = static (_, _, _, _) => true;
        }

        var start = Stopwatch.GetTimestamp();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(request.Timeout);
        try
        {
            if (handler is null)
            {
                await client.ConnectAsync(request.Address, limit.Token).ConfigureAwait(false);
            }
            else
            {
                await client.ConnectAsync(request.Address, new HttpMessageInvoker(handler), limit.Token).ConfigureAwait(false);
                if (pings is not null)
                {
                    // The stream owns its handler from here: both go when the socket is disposed.
                    pings.Owner = handler;
                    handler = null;
                }
            }

            var opened = Stopwatch.GetTimestamp();
            return (new WebSocketOutcome(WebSocketFailure.None, 101, string.Empty, start, opened), new WebSocketSession(client, opened, onMessage, pings));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The handshake's own timeout ran out: classified, not thrown.
            client.Dispose();
            return (new WebSocketOutcome(WebSocketFailure.Timeout, 0, $"no handshake within {request.Timeout.TotalMilliseconds:0.###} ms", start, Stopwatch.GetTimestamp()), null);
        }
        catch (OperationCanceledException)
        {
            // The run ended during the handshake: the socket is dropped and the cancellation goes on up, as for an exchange.
            client.Dispose();
            throw;
        }
        catch (WebSocketException e)
        {
            // The upgrade failed: with an HTTP status other than 101 the server refused it; without one, nothing answered
            // (refused, unknown host, TLS) or the answer was not a handshake.
            var status = (int)client.HttpStatusCode;
            client.Dispose();
            var end = Stopwatch.GetTimestamp();
            if (status is > 0 and not 101)
            {
                return (new WebSocketOutcome(WebSocketFailure.Handshake, status, $"the server answered the upgrade with HTTP {status}", start, end), null);
            }

            var refused = e.InnerException is SocketException or System.Net.Http.HttpRequestException or System.Security.Authentication.AuthenticationException;
            return (new WebSocketOutcome(refused ? WebSocketFailure.Refused : WebSocketFailure.Protocol, 0, $"the handshake failed: {(e.InnerException ?? e).Message}", start, end), null);
        }
        finally
        {
            // Still ours only when the socket did not open (an open one's stream owns it).
            handler?.Dispose();
        }
    }
}
