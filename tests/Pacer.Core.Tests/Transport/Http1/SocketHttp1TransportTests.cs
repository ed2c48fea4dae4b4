using System.Text;
using Pacer.Core.Plans;
using Pacer.Core.Tests.TestServers;
using Pacer.Core.Transport;
using Pacer.Core.Transport.Http1;

namespace Pacer.Core.Tests.Transport.Http1;

/// <summary>The lean transport's fallback for systems without epoll, run here through the same contract as the others.</summary>
public sealed class SocketHttp1TransportTests : TransportContractTests
{
    private const string Ok = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";

    [Fact]
    public async Task SendAsync_KeepAlive_ReusesOneConnection()
    {
        using var server = ScriptedServer.Always(Ok);
        var request = Request(server.BaseAddress);
        await using var transport = Create(request);

        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(200, (await transport.SendAsync(request, CancellationToken.None)).Status);
        }

        Assert.Equal(1, server.Connections);
    }

    [Fact]
    public async Task SendAsync_StaleKeepAliveConnection_RetriesOnAFreshConnection()
    {
        using var server = new ScriptedServer((_, _) => new ScriptedReply(Encoding.ASCII.GetBytes(Ok), CloseAfter: true));
        var request = Request(server.BaseAddress);
        await using var transport = Create(request);

        await transport.SendAsync(request, CancellationToken.None);
        await server.Closed.WaitAsync(TimeSpan.FromSeconds(10));
        var second = await transport.SendAsync(request, CancellationToken.None);

        Assert.Equal(ErrorKind.None, second.Error);
        Assert.Equal(2, server.Connections);
    }

    [Fact]
    public async Task SendAsync_ChunkedByteByByte_ParsesAcrossReads()
    {
        var response = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n";
        using var server = new ScriptedServer((_, _) => new ScriptedReply(Encoding.ASCII.GetBytes(response), ByteByByte: true));
        var request = Request(server.BaseAddress);
        await using var transport = Create(request);

        var result = await transport.SendAsync(request, CancellationToken.None);

        Assert.Equal(200, result.Status);
        Assert.Equal(response.Length, result.BytesReceived);
    }

    [Fact]
    public async Task SendAsync_ServerClosesMidBody_IsReset()
    {
        using var server = new ScriptedServer((_, _) => new ScriptedReply("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\npartial"u8.ToArray(), CloseAfter: true));
        var request = Request(server.BaseAddress);
        await using var transport = Create(request);

        Assert.Equal(ErrorKind.Reset, (await transport.SendAsync(request, CancellationToken.None)).Error);
    }

    protected override ITransport Create(params RequestSpec[] requests) => new SocketHttp1Transport(requests);
}
