using System.Net;
using System.Net.Sockets;
using Pacer.Core.Plans;

namespace Pacer.Core.Transport.Http1;

/// <summary>
/// The plan's requests as the lean transports send them: host names resolved once into endpoints, each request encoded once
/// into its wire bytes. A host that does not resolve is remembered, so its requests are recorded as <c>dns</c> errors.
/// </summary>
internal sealed class Http1RequestTable
{
    private readonly Dictionary<RequestSpec, EncodedRequest> encoded = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<RequestSpec, string> unresolved = new(ReferenceEqualityComparer.Instance);

    public Http1RequestTable(IReadOnlyList<RequestSpec> requests)
    {
        var endpoints = new Dictionary<string, Http1Endpoint>(StringComparer.OrdinalIgnoreCase);
        foreach (var request in requests)
        {
            var authority = request.Url.Authority;
            if (!endpoints.TryGetValue(authority, out var endpoint))
            {
                if (Resolve(request.Url.IdnHost) is not { } address)
                {
                    unresolved[request] = $"could not resolve the host name '{request.Url.Host}' ({request.Method} {request.Url})";
                    continue;
                }

                endpoint = new Http1Endpoint(endpoints.Count, authority, address, request.Url.Port);
                endpoints[authority] = endpoint;
            }

            encoded[request] = new EncodedRequest(request, endpoint);
        }

        Endpoints = [.. endpoints.Values.OrderBy(e => e.Index)];
    }

    public int EndpointCount => Endpoints.Count;

    /// <summary>Every endpoint the plan's requests resolved to, by index.</summary>
    public IReadOnlyList<Http1Endpoint> Endpoints { get; }

    public bool TryGet(RequestSpec request, out EncodedRequest wire) => encoded.TryGetValue(request, out wire!);

    /// <summary>Why <paramref name="request"/> cannot be sent (its host did not resolve); throws for a request the table never saw.</summary>
    public string Unresolved(RequestSpec request) =>
        unresolved.TryGetValue(request, out var message)
            ? message
            : throw new ArgumentException($"request '{request.Name}' was not given to this transport when it was created", nameof(request));

    /// <summary>The address <paramref name="host"/> (a name or a literal) resolves to, IPv4 first; null when it does not resolve.</summary>
    public static IPAddress? Resolve(string host)
    {
        if (IPAddress.TryParse(host, out var literal))
        {
            return literal;
        }

        try
        {
            var addresses = Dns.GetHostAddresses(host);
            return addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? addresses.FirstOrDefault();
        }
        catch (SocketException)
        {
            // Unresolvable: every request to this host is recorded as a dns error rather than failing the run.
            return null;
        }
    }
}
