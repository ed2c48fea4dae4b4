namespace Pacer.Core.Transport;

/// <summary>Why an exchange failed (its outcome kind; <see cref="Http4xx"/> and <see cref="Http5xx"/> are HTTP's own). Errors are data: every failure is classified, counted and reported, never thrown across the pipeline.</summary>
public enum ErrorKind : byte
{
    /// <summary>No error: a response arrived with a status below 400.</summary>
    None = 0,
    /// <summary>The connection was refused (nothing listening).</summary>
    Refused,
    /// <summary>The peer reset or closed the connection before a complete response.</summary>
    Reset,
    /// <summary>No complete response within the request timeout.</summary>
    Timeout,
    /// <summary>The response was not valid HTTP.</summary>
    Protocol,
    /// <summary>The host name did not resolve.</summary>
    Dns,
    /// <summary>The TLS handshake or certificate check failed.</summary>
    Tls,
    /// <summary>The server answered 4xx.</summary>
    Http4xx,
    /// <summary>The server answered 5xx.</summary>
    Http5xx,
    /// <summary>Anything else the transport could not classify (the message is kept as the first-seen example).</summary>
    Other,
    /// <summary>
    /// Sent, but no response had arrived when the run's graceful stop ran out, so the run gave up on it. A failure like any
    /// other; its latency is recorded as a lower bound (the time it had waited when it was abandoned).
    /// </summary>
    Abandoned,
}
