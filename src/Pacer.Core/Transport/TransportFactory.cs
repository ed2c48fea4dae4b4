using Pacer.Core.Flows;
using Pacer.Core.Plans;
using Pacer.Core.Transport.Http1;

namespace Pacer.Core.Transport;

/// <summary>
/// Chooses the transport for a plan: the lean HTTP/1.1 transport where it applies (plain http:// targets, no HTTP/2) — epoll
/// event loops on Linux, the asynchronous Socket path elsewhere or when asked for by name — else HttpClient, which does TLS
/// and HTTP/2. Request mixes and scenario plans alike: both lean paths keep a flow step's response for its checks and
/// extractions.
/// </summary>
internal static class TransportFactory
{
    public static ITransport Create(LoadPlan plan, TransportChoice choice = TransportChoice.Auto, int? eventLoops = null)
    {
        var plainHttp = !plan.Http2
            && plan.Requests.All(r => r.Url.Scheme == Uri.UriSchemeHttp)
            && plan.Scenarios.All(s => FlowRunner.AllRequests(s.Steps).All(step => step.Url.LiteralPrefix.StartsWith("http://", StringComparison.OrdinalIgnoreCase)));
        if (choice is (TransportChoice.Lean or TransportChoice.Socket) && !plainHttp)
        {
            throw new NotSupportedException(
                $"the {(choice == TransportChoice.Socket ? "socket" : "lean")} transport speaks plain HTTP/1.1: https:// targets and HTTP/2 need --transport httpclient (or auto)");
        }

        if (choice == TransportChoice.HttpClient || !plainHttp)
        {
            return new HttpClientTransport(plan.Requests, new HttpClientTransportOptions(plan.Http2, plan.InsecureSkipTlsVerify));
        }

        // Linux gets the epoll event loops unless the Socket path is asked for by name (to compare them); elsewhere the same
        // encoder, framing and parser run over the asynchronous Socket API.
        return choice != TransportChoice.Socket && Http1Transport.IsSupported
            ? new Http1Transport(plan.Requests, eventLoops ?? DefaultEventLoops)
            : new SocketHttp1Transport(plan.Requests);
    }

    /// <summary>
    /// One loop per two cores: a loop keeps a core busy on its own at full load, and the other core is left for the rest of
    /// Pacer (dispatcher, ticker, GC) and, in the common loopback case, for the service under test.
    /// </summary>
    public static int DefaultEventLoops => Math.Max(1, Environment.ProcessorCount / 2);
}
