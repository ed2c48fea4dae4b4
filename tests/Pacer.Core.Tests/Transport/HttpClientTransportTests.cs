using Pacer.Core.Running;
using Pacer.Core.Plans;
using Pacer.Core.Transport;

namespace Pacer.Core.Tests.Transport;

public sealed class HttpClientTransportTests : TransportContractTests
{
    private protected override ITransport Create(params RequestSpec[] requests) => new HttpClientTransport(MixRequest.EncodeAll(requests), new());
}
