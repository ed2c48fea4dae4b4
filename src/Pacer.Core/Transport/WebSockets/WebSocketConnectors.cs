namespace Pacer.Core.Transport.WebSockets;

/// <summary>
/// The WebSocket connectors by URI scheme, most preferred first. It sits
/// beside <see cref="TransportFactory"/> rather than in it: that factory makes the one exchange transport a run's HTTP steps
/// share, while a socket is a session opened per virtual user, so a plan with HTTP and WebSocket steps uses one of each.
/// </summary>
internal sealed class WebSocketConnectors(IReadOnlyList<IWebSocketConnector> connectors)
{
    /// <summary>
    /// Pacer's own handshake over a socket, with .NET's framing, for ws:// and wss:// (<see cref="SocketWebSocketConnector"/>:
    /// a quarter of <see cref="ClientWebSocket"/>'s memory per idle socket, see there).
    /// </summary>
    public static WebSocketConnectors Default { get; } = new([new SocketWebSocketConnector()]);

    /// <summary>
    /// .NET's <see cref="System.Net.WebSockets.ClientWebSocket"/> for ws:// and wss://: the same contract with the framework's
    /// own handshake (and its HTTP proxy settings). The bench measures it beside <see cref="Default"/>, and the ws tests run
    /// through both.
    /// </summary>
    public static WebSocketConnectors ClientWebSocket { get; } = new([new ClientWebSocketConnector()]);

    /// <summary>The connector for <paramref name="scheme"/>, or null when none speaks it.</summary>
    public IWebSocketConnector? For(string scheme)
    {
        foreach (var connector in connectors)
        {
            if (connector.Schemes.Contains(scheme))
            {
                return connector;
            }
        }

        return null;
    }
}
