using Pacer.Core.Flows;
using Pacer.Core.Plans;
using Pacer.Core.Transport.Http1;

namespace Pacer.Core.Transport;

/// <summary>
/// Chooses the transport for a plan: the lean HTTP/1.1 transport where it applies (plain http:// targets, no HTTP/2) — epoll
/// event loops on Linux, the asynchronous Socket path elsewhere — else HttpClient, which does TLS and HTTP/2. Scenario plans
/// (checks and extractions read the response) run on the lean transport only on Linux: the Socket path keeps no response
/// bodies, so elsewhere <c>auto</c> gives scenarios HttpClient.
/// </summary>
internal static class TransportFactory
{
    public static ITransport Create(LoadPlan plan, TransportChoice choice = TransportChoice.Auto, int? eventLoops = null)
    {
        var scenarios = plan.Scenarios.Count > 0;
        var plainHttp = !plan.Http2
            && plan.Requests.All(r => r.Url.Scheme == Uri.UriSchemeHttp)
            && plan.Scenarios.All(s => FlowRunner.AllRequests(s.Steps).All(step => step.Url.LiteralPrefix.StartsWith("http://", StringComparison.OrdinalIgnoreCase)));
        var leanFits = plainHttp && (!scenarios || Http1Transport.IsSupported);
        if (choice == TransportChoice.Lean && !leanFits)
        {
            throw new NotSupportedException(plainHttp
                ? "the lean transport runs scenarios on Linux only (elsewhere it keeps no response bodies): use --transport httpclient (or auto)"
                : "the lean transport speaks plain HTTP/1.1: https:// targets and HTTP/2 need --transport httpclient (or auto)");
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
