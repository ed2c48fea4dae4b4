namespace Pacer.Core.Transport.Http1;

/// <summary>
/// Where a request goes on the lean transport, decided the same way by the epoll loops and the Socket path: an https:// URL
/// (a scheme a scenario rendered from a variable) is refused as a <c>protocol</c> error, because this engine speaks plain
/// HTTP/1.1 only; any other host is found in an <see cref="Http1EndpointCache"/>, so a host first seen at run time is resolved
/// once and one that does not resolve is a <c>dns</c> error without asking again.
/// </summary>
internal sealed class Http1Endpoints
{
    private readonly Http1EndpointCache cache = new();

    /// <summary>Resolves the hosts of <paramref name="known"/> (a request mix's) now, so the usual target is never resolved at run time.</summary>
    public Http1Endpoints(IEnumerable<ExchangeRequest> known)
    {
        foreach (var request in known)
        {
            if (!request.IsHttps)
            {
                _ = cache.Find(request.Host, request.Port, out _);
            }
        }
    }

    /// <summary>How many endpoints are known so far (event loops size their idle pools by it, and grow them for new ones).</summary>
    public int Count => cache.Count;

    /// <summary>
    /// The endpoint <paramref name="request"/> goes to; null when it cannot be sent, with the kind of error to record and the
    /// reason (which names the host, not the request).
    /// </summary>
    public Http1Endpoint? Find(ExchangeRequest request, out ErrorKind refusal, out string? reason)
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

    /// <summary>
    /// The message kept for a refusal: a scenario step's names only the host (its step is named where the iteration ends), a
    /// mix request's adds <c>(METHOD url)</c>. Built only for the first refusal of a kind, so a run of refusals allocates nothing.
    /// </summary>
    public static string Message(ErrorKind refusal, string reason, ExchangeRequest request) =>
        refusal == ErrorKind.Dns && !request.NamedInMessages ? $"{reason} ({request.Describe()})" : reason;
}
