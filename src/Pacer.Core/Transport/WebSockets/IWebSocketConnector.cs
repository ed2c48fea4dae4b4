namespace Pacer.Core.Transport.WebSockets;

/// <summary>
/// Opens WebSocket sessions: the session-shaped side of the transport contract. A connector declares the schemes it serves
/// (<see cref="Schemes"/>) and <see cref="WebSocketConnectors"/> picks one by scheme; a failure to connect is a classified
/// outcome, never an exception.
/// </summary>
internal interface IWebSocketConnector
{
    /// <summary>The URI schemes it speaks (lower case): <c>ws</c>, <c>wss</c>.</summary>
    IReadOnlySet<string> Schemes { get; }

    /// <summary>
    /// Opens a socket. The outcome's start and end are the handshake's; on success the session is open and its receive loop
    /// running, and <paramref name="onMessage"/> is called once for every message it receives (from that loop).
    /// </summary>
    Task<(WebSocketOutcome Outcome, WebSocketSession? Session)> ConnectAsync(WebSocketConnectRequest request, Action? onMessage, CancellationToken cancellationToken);
}
