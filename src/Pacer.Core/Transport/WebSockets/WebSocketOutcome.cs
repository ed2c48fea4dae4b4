namespace Pacer.Core.Transport.WebSockets;

/// <summary>
/// What a WebSocket operation came to: the message (for a receive), the failure and its code (HTTP status of a refused
/// handshake, close code of a peer's close), a message for the error report, and when it started and ended (Stopwatch ticks).
/// </summary>
internal readonly record struct WebSocketOutcome(
    WebSocketFailure Failure,
    int Code,
    string Problem,
    long StartTicks,
    long EndTicks,
    WebSocketMessage? Message = null)
{
    /// <summary>True when the operation succeeded.</summary>
    public bool Ok => Failure == WebSocketFailure.None;
}
