using Pacer.Core.Plans;
using Pacer.Core.Transport.Http1;

namespace Pacer.Core.Transport;

/// <summary>
/// Chooses the transport for a plan: the lean HTTP/1.1 transport where it applies (plain http:// targets, no HTTP/2, no
/// scenarios) — epoll event loops on Linux, the asynchronous Socket path elsewhere — else HttpClient, which does TLS and HTTP/2.
/// </summary>
internal static class TransportFactory
{
    public static ITransport Create(LoadPlan plan, TransportChoice choice = TransportChoice.Auto, int? eventLoops = null)
    {
        // Scenarios read response headers and bodies for checks and extractions, which the lean engine counts and discards.
        var leanFits = !plan.Http2 && plan.Scenarios.Count == 0 && plan.Requests.All(r => r.Url.Scheme == Uri.UriSchemeHttp);
        if (choice == TransportChoice.Lean && !leanFits)
        {
            throw new NotSupportedException(
                "the lean transport speaks plain HTTP/1.1 and keeps no response bodies: https:// targets, HTTP/2 and scenarios need --transport httpclient (or auto)");
        }

        if (choice == TransportChoice.HttpClient || !leanFits)
        {
            return new HttpClientTransport(plan.Requests, new HttpClientTransportOptions(plan.Http2, plan.InsecureSkipTlsVerify));
        }

        // Linux gets the epoll event loops; elsewhere the same encoder and parser run over the asynchronous Socket API.
        return Http1Transport.IsSupported
            ? new Http1Transport(plan.Requests, eventLoops ?? DefaultEventLoops)
            : new SocketHttp1Transport(plan.Requests);
    }

    /// <summary>
    /// One loop per two cores: a loop keeps a core busy on its own at full load, and the other core is left for the rest of
    /// Pacer (dispatcher, ticker, GC) and, in the common loopback case, for the service under test.
    /// </summary>
    public static int DefaultEventLoops => Math.Max(1, Environment.ProcessorCount / 2);
}
