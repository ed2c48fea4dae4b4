namespace Pacer.Core.Transport.WebSockets;

/// <summary>Why a WebSocket operation failed: data the runtime records (as an error kind of the step), never an exception.</summary>
internal enum WebSocketFailure
{
    /// <summary>It succeeded.</summary>
    None,

    /// <summary>Nothing accepted the connection (refused, host unknown, TLS failed) before any HTTP answer.</summary>
    Refused,

    /// <summary>The server answered the upgrade with another HTTP status (401, 403, 404 …): the status is kept.</summary>
    Handshake,

    /// <summary>Nothing (no handshake, no matching message, no reply) within the step's timeout.</summary>
    Timeout,

    /// <summary>The peer closed the socket (its close code is kept), or the connection ended, before what the step waited for.</summary>
    Closed,

    /// <summary>The peer broke the protocol (a bad frame, a message too large to keep).</summary>
    Protocol,

    /// <summary>The step used a socket that was never opened (or already closed) in this iteration or by this user.</summary>
    NotOpen,
}
