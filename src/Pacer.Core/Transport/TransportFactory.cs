using Pacer.Core.Plans;

namespace Pacer.Core.Transport;

/// <summary>Chooses the transport for a plan. Today every plan goes through HttpClient; https targets get certificate validation.</summary>
internal static class TransportFactory
{
    public static HttpClientTransport Create(LoadPlan plan, bool http2 = false) =>
        new(plan.Requests, new HttpClientTransportOptions(Http2: http2));
}
