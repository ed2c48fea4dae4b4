namespace Pacer.Core.Transport.Http1;

/// <summary>
/// Where a flow step's rendered request goes on the lean transport, decided the same way by the epoll loops and the Socket
/// path: an https:// URL (a scheme rendered from a variable) is refused as a <c>protocol</c> error, because this engine
/// speaks plain HTTP/1.1 only; any other host is found in an <see cref="Http1EndpointCache"/>, so a host first rendered at
/// run time is resolved once and one that does not resolve is a <c>dns</c> error without asking again.
/// </summary>
internal sealed class Http1FlowEndpoints(IReadOnlyList<Http1Endpoint> known)
{
    private readonly Http1EndpointCache cache = new(known);

    /// <summary>
    /// The endpoint <paramref name="request"/> (its URL parsed) goes to; null when it cannot be sent, with the kind of error
    /// to record and the reason.
    /// </summary>
    public Http1Endpoint? Find(FlowRequest request, out ErrorKind refusal, out string? reason)
    {
        if (request.IsHttps)
        {
            refusal = ErrorKind.Protocol;
            reason = $"the lean transport speaks plain http://, and {request.Name} rendered an https:// URL (run with --transport httpclient)";
            return null;
        }

        var endpoint = cache.Find(request.Host, request.Port, out reason);
        refusal = endpoint is null ? ErrorKind.Dns : ErrorKind.None;
        return endpoint;
    }
}
