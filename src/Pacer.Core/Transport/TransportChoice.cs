namespace Pacer.Core.Transport;

/// <summary>Which transport a run uses.</summary>
public enum TransportChoice
{
    /// <summary>The lean HTTP/1.1 transport where it applies (http://, no HTTP/2), else HttpClient.</summary>
    Auto,

    /// <summary>The lean HTTP/1.1 transport (epoll event loops on Linux, async sockets elsewhere); an error where it does not apply.</summary>
    Lean,

    /// <summary>.NET's HttpClient (SocketsHttpHandler): HTTP/1.1, HTTP/2, TLS.</summary>
    HttpClient,

    /// <summary>
    /// The portable lean HTTP/1.1 transport over async sockets (what macOS and Windows get), on any system, so it can be
    /// compared with the event loops; an error where the lean transport does not apply.
    /// </summary>
    Socket,
}
