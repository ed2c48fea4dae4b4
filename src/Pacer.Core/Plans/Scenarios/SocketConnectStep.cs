namespace Pacer.Core.Plans.Scenarios;

/// <summary>Opens a socket: the ws:// or wss:// URL and header values are templates; the socket stays open for later steps.</summary>
internal sealed class SocketConnectStep : SocketStep
{
    public required Template Url { get; init; }

    public required IReadOnlyList<HeaderTemplate> Headers { get; init; }

    public IReadOnlyList<string> Subprotocols { get; init; } = [];

    /// <summary>
    /// True (<c>scope: vu</c>): the socket lives as long as the virtual user, so a later iteration's connect step finds it open
    /// and skips the handshake; false: it is closed at the end of the iteration that opened it.
    /// </summary>
    public bool UserScope { get; init; }

    /// <summary>An http(s):// URL as its WebSocket counterpart (ws://, wss://); any other text unchanged.</summary>
    public static string AsWebSocket(string url) =>
        url.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? "wss://" + url[8..]
        : url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ? "ws://" + url[7..]
        : url;

    /// <summary>This step with another URL template (the plan pointed at another target).</summary>
    public SocketConnectStep WithUrl(Template url) => new()
    {
        Name = Name,
        Socket = Socket,
        Timeout = Timeout,
        Url = url,
        Headers = Headers,
        Subprotocols = Subprotocols,
        UserScope = UserScope,
        Probability = Probability,
        Location = Location,
    };
}
