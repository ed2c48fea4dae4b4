using Pacer.Core.Plans;
using Pacer.Core.Transport;

namespace Pacer.Core.Tests.Transport;

public sealed class HttpClientTransportTests : TransportContractTests
{
    protected override ITransport Create(params RequestSpec[] requests) => new HttpClientTransport(requests, new());
}
