using System.Text;
using Pacer.Core.Tests.TestServers;
using Pacer.Core.Transport.WebSockets;

namespace Pacer.Core.Tests.Transport.WebSockets;

/// <summary>
/// Both connectors keep one contract against a real server (Kestrel's WebSockets): the same outcomes, codes and messages, so
/// a plan cannot tell which one opened its socket.
/// </summary>
public sealed class WebSocketConnectorContractTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    public static TheoryData<string> Connectors => ["socket", "clientwebsocket"];

    [Theory]
    [MemberData(nameof(Connectors))]
    public async Task Echo_GreetingAndReply_AreReceivedAndCounted(string name)
    {
        await using var server = await TestWebSocketServer.StartAsync(new WebSocketBehaviour { Greeting = "hi" });
        var (outcome, session) = await Connector(name).ConnectAsync(Request(server.Address), null, CancellationToken.None);
        Assert.True(outcome.Ok, outcome.Problem);
        await using var open = session!;

        Assert.Equal("hi", Encoding.UTF8.GetString((await open.ReceiveAsync(Wait, CancellationToken.None)).Message!.Payload));
        Assert.True((await open.SendAsync("{\"id\":1}"u8.ToArray(), binary: false, CancellationToken.None)).Ok);
        Assert.Equal("{\"id\":1}", Encoding.UTF8.GetString((await open.ReceiveAsync(Wait, CancellationToken.None)).Message!.Payload));
        Assert.Equal(2, open.Received);
        Assert.True((await open.CloseAsync(1000, string.Empty, Wait, CancellationToken.None)).Ok);
        Assert.Equal(1, server.Received);
    }

    [Theory]
    [MemberData(nameof(Connectors))]
    public async Task Refused_KeepsTheStatus(string name)
    {
        await using var server = await TestWebSocketServer.StartAsync(new WebSocketBehaviour { RefuseStatus = 403 });
        var (outcome, session) = await Connector(name).ConnectAsync(Request(server.Address), null, CancellationToken.None);

        Assert.Null(session);
        Assert.Equal((WebSocketFailure.Handshake, 403), (outcome.Failure, outcome.Code));
    }

    [Theory]
    [MemberData(nameof(Connectors))]
    public async Task PeersClose_IsClosedWithItsCode(string name)
    {
        await using var server = await TestWebSocketServer.StartAsync(new WebSocketBehaviour { CloseAfter = 1 });
        var (_, session) = await Connector(name).ConnectAsync(Request(server.Address), null, CancellationToken.None);
        await using var open = session!;
        Assert.True((await open.SendAsync("x"u8.ToArray(), binary: false, CancellationToken.None)).Ok);

        var outcome = await open.ReceiveAsync(Wait, CancellationToken.None);
        Assert.Equal((WebSocketFailure.Closed, 1011), (outcome.Failure, outcome.Code));
    }

    private static IWebSocketConnector Connector(string name) =>
        (name == "socket" ? WebSocketConnectors.Default : WebSocketConnectors.ClientWebSocket).For("ws")!;

    private static WebSocketConnectRequest Request(Uri address) => new(address, [], [], Wait);
}
