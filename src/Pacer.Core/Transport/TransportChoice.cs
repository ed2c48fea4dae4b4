namespace Pacer.Core.Transport;

/// <summary>Which transport a run uses.</summary>
public enum TransportChoice
{
    /// <summary>The lean HTTP/1.1 transport where it applies (http://, no HTTP/2, Linux), else HttpClient.</summary>
    Auto,

    /// <summary>The lean HTTP/1.1 event-loop transport; an error where it does not apply.</summary>
    Lean,

    /// <summary>.NET's HttpClient (SocketsHttpHandler): HTTP/1.1, HTTP/2, TLS.</summary>
    HttpClient,
}
