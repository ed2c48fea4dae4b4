namespace Pacer.Core.Transport;

/// <summary>
/// The outcome of one exchange (a request and its response), as plain data, whatever the transport. Timestamps are monotonic ticks of <see cref="System.Diagnostics.Stopwatch"/>.
/// </summary>
/// <param name="Status">HTTP status, or 0 when no response arrived.</param>
/// <param name="Error">Classification; <see cref="ErrorKind.None"/> for a success.</param>
/// <param name="SendTicks">When the request actually went out (after any wait for a connection).</param>
/// <param name="EndTicks">When the last byte of the response arrived, or the failure was observed.</param>
/// <param name="BytesSent">Bytes written to the wire (request line, headers, body).</param>
/// <param name="BytesReceived">Bytes read from the wire (status line, headers, body).</param>
public readonly record struct TransportResult(
    int Status,
    ErrorKind Error,
    long SendTicks,
    long EndTicks,
    long BytesSent,
    long BytesReceived);
