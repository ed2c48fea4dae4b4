using Pacer.Core.Running;
using Pacer.Core.Plans;
using Pacer.Core.Transport;
using Pacer.Core.Transport.Http1;

namespace Pacer.Core.Tests.Transport.Http1;

/// <summary>The lean transport's fallback for systems without epoll, run here through the same contracts as the epoll loops.</summary>
public sealed class SocketHttp1TransportTests : LeanTransportContractTests
{
    private protected override ITransport Create(params RequestSpec[] requests) => new SocketHttp1Transport(MixRequest.EncodeAll(requests));
}
