namespace Pacer.Core.Transport.WebSockets;

/// <summary>The stable names of <see cref="WebSocketFailure"/> as results and messages write them.</summary>
internal static class WebSocketFailureNames
{
    /// <summary>
    /// The error kind of a failed WebSocket step: <c>ws_refused</c>, <c>ws_handshake_403</c> (the status appended),
    /// <c>ws_timeout</c>, <c>ws_closed_1011</c> (the peer's close code appended, when it sent one), <c>ws_protocol</c>,
    /// <c>ws_not_open</c>.
    /// </summary>
    public static string Name(WebSocketFailure failure, int code) => failure switch
    {
        WebSocketFailure.Refused => "ws_refused",
        WebSocketFailure.Handshake => code > 0 ? $"ws_handshake_{code}" : "ws_handshake",
        WebSocketFailure.Timeout => "ws_timeout",
        WebSocketFailure.Closed => code > 0 ? $"ws_closed_{code}" : "ws_closed",
        WebSocketFailure.Protocol => "ws_protocol",
        WebSocketFailure.NotOpen => "ws_not_open",
        _ => "none",
    };
}
