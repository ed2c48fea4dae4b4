namespace Pacer.Core.Transport.WebSockets;

/// <summary>What the server's answer to an upgrade came to.</summary>
/// <param name="Status">Its HTTP status (0 when the status line could not be read).</param>
/// <param name="Subprotocol">The subprotocol it chose, if any.</param>
/// <param name="Problem">Why the answer is not an accepted upgrade; empty when it is.</param>
internal sealed record WebSocketHandshakeAnswer(int Status, string? Subprotocol, string Problem)
{
    /// <summary>True when the server accepted the upgrade and the answer checks out.</summary>
    public bool Accepted => Problem.Length == 0;
}
