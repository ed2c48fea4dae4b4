namespace Pacer.Core.Transport.WebSockets;

/// <summary>
/// The WebSocket connectors by URI scheme, most preferred first (today one: <see cref="ClientWebSocketConnector"/>). It sits
/// beside <see cref="TransportFactory"/> rather than in it: that factory makes the one exchange transport a run's HTTP steps
/// share, while a socket is a session opened per virtual user, so a plan with HTTP and WebSocket steps uses one of each.
/// </summary>
internal sealed class WebSocketConnectors(IReadOnlyList<IWebSocketConnector> connectors)
{
    /// <summary>ClientWebSocket for ws:// and wss://.</summary>
    public static WebSocketConnectors Default { get; } = new([new ClientWebSocketConnector()]);

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
