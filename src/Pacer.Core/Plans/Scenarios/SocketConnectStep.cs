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
}
