using System.Text;
using Pacer.Core.Plans;
using Pacer.Core.Tests.TestServers;
using Pacer.Core.Transport;
using Pacer.Core.Transport.Http1;

namespace Pacer.Core.Tests.Transport.Http1;

/// <summary>
/// What both lean transports (the epoll loops and the Socket fallback) must do with responses a real server rarely produces on
/// demand: keep-alive reuse, stale connections, Connection: close, HEAD, 1xx, split and oversized responses, early close.
/// </summary>
public abstract class LeanTransportContractTests : TransportContractTests
{
    private const string Ok = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";

    [Fact]
    public async Task SendAsync_StaleKeepAliveConnection_RetriesOnAFreshConnection()
    {
        // The server answers with keep-alive, then closes the connection while it is idle (as servers do on their idle timeout).
        using var server = new ScriptedServer((_, _) => new ScriptedReply(Encoding.ASCII.GetBytes(Ok), CloseAfter: true));
        var request = Request(server.BaseAddress);
        await using var transport = Create(request);

        var first = await transport.SendAsync(request, CancellationToken.None);
        await server.Closed.WaitAsync(TimeSpan.FromSeconds(10));
        var second = await transport.SendAsync(request, CancellationToken.None);

        Assert.Equal(200, first.Status);
        Assert.Equal(200, second.Status);
        Assert.Equal(ErrorKind.None, second.Error);
        Assert.Equal(2, server.Connections);
    }

    /// <summary>
    /// The server's FIN arrives in the same segment as the response (it closed without saying Connection: close): the next
    /// request, sent at once from the completion (on the lean loop, in the same pass), goes on a fresh connection and never
    /// reaches the closing one, where it could only be reset.
    /// </summary>
    [Fact]
    public async Task SendAsync_ResponseArrivingWithTheServersClose_NextRequestGoesOnAFreshConnection()
    {
        using var server = new ScriptedServer((_, _) => new ScriptedReply(Encoding.ASCII.GetBytes(Ok), FinWithResponse: true));
        var request = Request(server.BaseAddress);
        await using var transport = Create(request);

        var results = await SendFromEachCompletionAsync(transport, request, 5);

        Assert.All(results, r => Assert.Equal((200, ErrorKind.None), (r.Status, r.Error)));
        Assert.Equal(0, server.RequestsAfterClose);
        Assert.Equal(5, server.Connections);
    }

    [Fact]
    public async Task SendAsync_BytesAfterACompleteResponse_AreCountedAsStrayAndRetireTheConnection()
    {
        // Two answers in one write to each request: the second was not asked for.
        using var server = ScriptedServer.Always(Ok + Ok);
        var request = Request(server.BaseAddress);
        await using var transport = Create(request);
        var count = (IConnectionCount)transport;

        var first = await transport.SendAsync(request, CancellationToken.None);
        var second = await transport.SendAsync(request, CancellationToken.None);

        Assert.Equal((200, 200), (first.Status, second.Status));
        Assert.Equal(2, server.Connections);
        Assert.Equal(2, count.ConnectionsWithStrayBytes);
    }

    [Fact]
    public async Task SendAsync_BytesOnAnIdleConnection_AreCountedAsStrayAndTheNextRequestGoesOnAFreshOne()
    {
        var unasked = Encoding.ASCII.GetBytes("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 5\r\n\r\nstale");
        using var server = new ScriptedServer((connection, _) => new ScriptedReply(Encoding.ASCII.GetBytes(Ok), UnaskedAfter: connection == 0 ? unasked : null));
        var request = Request(server.BaseAddress);
        await using var transport = Create(request);
        var count = (IConnectionCount)transport;

        var first = await transport.SendAsync(request, CancellationToken.None);
        Assert.True(await server.UnaskedSent.WaitAsync(TimeSpan.FromSeconds(10)));
        var second = await transport.SendAsync(request, CancellationToken.None);

        Assert.Equal((200, 200), (first.Status, second.Status));
        Assert.Equal(2, server.Connections);
        Assert.Equal(1, count.ConnectionsWithStrayBytes);
    }

    [Fact]
    public async Task SendAsync_ConnectionCloseHeader_NextRequestOpensANewConnection()
    {
        using var server = ScriptedServer.Always("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok");
        var request = Request(server.BaseAddress);
        await using var transport = Create(request);

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(ErrorKind.None, (await transport.SendAsync(request, CancellationToken.None)).Error);
        }

        Assert.Equal(3, server.Connections);
    }

    [Fact]
    public async Task SendAsync_KeepAlive_ReusesOneConnection()
    {
        using var server = ScriptedServer.Always(Ok);
        var request = Request(server.BaseAddress);
        await using var transport = Create(request);

        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(200, (await transport.SendAsync(request, CancellationToken.None)).Status);
        }

        Assert.Equal(1, server.Connections);
    }

    [Fact]
    public async Task SendAsync_HeadRequest_ReadsNoBodyAndKeepsTheConnectionInStep()
    {
        // A HEAD response declares a length but carries no body; reading one would swallow the next response.
        using var server = ScriptedServer.Always("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n");
        var head = new RequestSpec("head", "HEAD", server.BaseAddress, [], null, 1, TimeSpan.FromSeconds(5));
        await using var transport = Create(head);

        var first = await transport.SendAsync(head, CancellationToken.None);
        var second = await transport.SendAsync(head, CancellationToken.None);

        Assert.Equal(ErrorKind.None, first.Error);
        Assert.Equal(ErrorKind.None, second.Error);
        Assert.Equal(1, server.Connections);
    }

    [Fact]
    public async Task SendAsync_InterimContinue_ReportsTheFinalStatus()
    {
        using var server = ScriptedServer.Always("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n");
        var request = Request(server.BaseAddress, body: "{}");
        await using var transport = Create(request);

        var result = await transport.SendAsync(request, CancellationToken.None);

        Assert.Equal(201, result.Status);
        Assert.Equal(ErrorKind.None, result.Error);
    }

    [Fact]
    public async Task SendAsync_ResponseWrittenByteByByte_ParsesAcrossReads()
    {
        var response = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nX-Long-Header: " + new string('h', 3000) + "\r\n\r\n5\r\nhello\r\n0\r\n\r\n";
        using var server = new ScriptedServer((_, _) => new ScriptedReply(Encoding.ASCII.GetBytes(response), ByteByByte: true));
        var request = Request(server.BaseAddress);
        await using var transport = Create(request);

        var result = await transport.SendAsync(request, CancellationToken.None);

        Assert.Equal(200, result.Status);
        Assert.Equal(response.Length, result.BytesReceived);
    }

    [Fact]
    public async Task SendAsync_BodyLargerThanTheReceiveBuffer_CountsEveryByte()
    {
        var body = new string('b', 300_000);
        var response = $"HTTP/1.1 200 OK\r\nContent-Length: {body.Length}\r\n\r\n{body}";
        using var server = ScriptedServer.Always(response);
        var request = Request(server.BaseAddress);
        await using var transport = Create(request);

        var first = await transport.SendAsync(request, CancellationToken.None);
        var second = await transport.SendAsync(request, CancellationToken.None);

        Assert.Equal(response.Length, first.BytesReceived);
        Assert.Equal(response.Length, second.BytesReceived);
        Assert.Equal(1, server.Connections);
    }

    [Fact]
    public async Task SendAsync_BodyUntilClose_CompletesWhenTheServerCloses()
    {
        using var server = new ScriptedServer((_, _) => new ScriptedReply("HTTP/1.1 200 OK\r\n\r\nall of it"u8.ToArray(), CloseAfter: true));
        var request = Request(server.BaseAddress);
        await using var transport = Create(request);

        var result = await transport.SendAsync(request, CancellationToken.None);

        Assert.Equal(ErrorKind.None, result.Error);
        Assert.Equal("HTTP/1.1 200 OK\r\n\r\nall of it".Length, result.BytesReceived);
    }

    [Fact]
    public async Task SendAsync_ServerClosesMidBody_IsReset()
    {
        using var server = new ScriptedServer((_, _) => new ScriptedReply("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\npartial"u8.ToArray(), CloseAfter: true));
        var request = Request(server.BaseAddress);
        await using var transport = Create(request);

        var result = await transport.SendAsync(request, CancellationToken.None);

        Assert.Equal(ErrorKind.Reset, result.Error);
    }

    /// <summary>
    /// Sends <paramref name="request"/> <paramref name="count"/> times in turn, each from the thread that completed the one
    /// before (ConfigureAwait(false)), as a virtual user does: on the lean loop, in the same pass its response was read.
    /// </summary>
    private static async Task<List<TransportResult>> SendFromEachCompletionAsync(ITransport transport, RequestSpec request, int count)
    {
        var results = new List<TransportResult>(count);
        for (var i = 0; i < count; i++)
        {
            results.Add(await transport.SendAsync(request, CancellationToken.None).ConfigureAwait(false));
        }

        return results;
    }
}
