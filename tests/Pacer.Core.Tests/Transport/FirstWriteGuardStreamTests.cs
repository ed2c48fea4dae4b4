using System.Net;
using System.Net.Sockets;
using Pacer.Core.Transport;

namespace Pacer.Core.Tests.Transport;

public sealed class FirstWriteGuardStreamTests
{
    [Fact]
    public async Task FirstWrite_ServerAlreadySpoke_ThrowsAndIsClassifiedProtocol()
    {
        var (client, server) = await PairAsync();
        using var serverSide = server;
        await serverSide.SendAsync("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"u8.ToArray());
        Assert.True(SpinWait.SpinUntil(() => client.Available > 0, TimeSpan.FromSeconds(10)), "the server's bytes never arrived");
        await using var stream = new FirstWriteGuardStream(client);

        var e = await Assert.ThrowsAsync<UnsolicitedBytesException>(async () => await stream.WriteAsync("GET / HTTP/1.1\r\n\r\n"u8.ToArray()));

        Assert.Equal(ErrorKind.Protocol, TransportErrorClassifier.Classify(new HttpRequestException("wrapped", e)));
        Assert.Contains("before the request was written", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Writes_ServerSilent_GoThroughAndOnlyTheFirstIsChecked()
    {
        var (client, server) = await PairAsync();
        using var serverSide = server;
        await using var stream = new FirstWriteGuardStream(client);

        await stream.WriteAsync("GET / HTTP/1.1\r\n\r\n"u8.ToArray());
        await serverSide.SendAsync("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"u8.ToArray());
        Assert.True(SpinWait.SpinUntil(() => client.Available > 0, TimeSpan.FromSeconds(10)), "the server's answer never arrived");
        await stream.WriteAsync("GET /next HTTP/1.1\r\n\r\n"u8.ToArray());

        var received = new byte[64];
        var total = 0;
        while (total < 40)
        {
            total += await serverSide.ReceiveAsync(received.AsMemory(total));
        }

        Assert.Equal(40, total);
    }

    private static async Task<(Socket Client, Socket Server)> PairAsync()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(listener.LocalEndPoint!);
        return (client, await listener.AcceptAsync());
    }
}
