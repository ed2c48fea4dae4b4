using Pacer.Core.Running;
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
        await using var transport = new Http1Transport(MixRequest.EncodeAll([request]), loopCount: 3);

        var results = await Task.WhenAll(Enumerable.Range(0, 300).Select(_ => transport.SendAsync(request, CancellationToken.None).AsTask()));

        Assert.All(results, r => Assert.Equal(200, r.Status));
        Assert.Equal("pacer-http1/epoll×3", transport.Name);
    }

    [Fact]
    public async Task ReadCpuNanoseconds_AfterTraffic_ReportsEachLoopsProcessorTime()
    {
        await using var server = await TestHttpServer.StartOkAsync();
        var request = Request(server.BaseAddress);
        await using var transport = new Http1Transport(MixRequest.EncodeAll([request]), loopCount: 2);
        var before = new long[transport.EventLoopCount];
        transport.ReadCpuNanoseconds(before);

        // Enough work to span several of the loops' 10 ms deadline scans, where each publishes its thread's CPU clock.
        var until = DateTime.UtcNow.AddMilliseconds(300);
        while (DateTime.UtcNow < until)
        {
            await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => transport.SendAsync(request, CancellationToken.None).AsTask()));
        }

        var after = new long[transport.EventLoopCount];
        transport.ReadCpuNanoseconds(after);

        Assert.Equal(2, after.Length);
        Assert.Contains(Enumerable.Range(0, 2), i => after[i] > before[i]);
        Assert.All(Enumerable.Range(0, 2), i => Assert.True(after[i] >= before[i] && after[i] - before[i] < 2_000_000_000, $"loop {i}: {after[i] - before[i]} ns"));
    }

    private protected override ITransport Create(params RequestSpec[] requests) => new Http1Transport(MixRequest.EncodeAll(requests), loopCount: 1);
}
