namespace Pacer.Core.Transport.WebSockets;

/// <summary>How to open a socket: the ws:// or wss:// address, extra request headers, subprotocols to offer, the handshake timeout.</summary>
internal sealed record WebSocketConnectRequest(
    Uri Address,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    IReadOnlyList<string> Subprotocols,
    TimeSpan Timeout)
{
    /// <summary>Accept any server certificate (the plan's <c>insecure_skip_tls_verify</c>).</summary>
    public bool SkipCertificateValidation { get; init; }

    /// <summary>
    /// Open it able to ping (<see cref="WebSocketSession.PingAsync"/>): a connection of its own, with the frames watched under
    /// the socket for the pong. Only sockets a plan pings ask for it.
    /// </summary>
    public bool Ping { get; init; }
}
