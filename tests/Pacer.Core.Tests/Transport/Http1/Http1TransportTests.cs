using Pacer.Core.Plans;
using Pacer.Core.Tests.TestServers;
using Pacer.Core.Transport;
using Pacer.Core.Transport.Http1;

namespace Pacer.Core.Tests.Transport.Http1;

public sealed class Http1TransportTests : LeanTransportContractTests
{
    [Fact]
    public async Task SendAsync_SeveralEventLoops_ServeConcurrentRequests()
    {
        await using var server = await TestHttpServer.StartOkAsync();
        var request = Request(server.BaseAddress);
        await using var transport = new Http1Transport([request], loopCount: 3);

        var results = await Task.WhenAll(Enumerable.Range(0, 300).Select(_ => transport.SendAsync(request, CancellationToken.None).AsTask()));

        Assert.All(results, r => Assert.Equal(200, r.Status));
        Assert.Equal("pacer-http1/epoll×3", transport.Name);
    }

    protected override ITransport Create(params RequestSpec[] requests) => new Http1Transport(requests, loopCount: 1);
}
