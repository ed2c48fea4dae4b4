using System.Diagnostics;
using System.Text;
using Pacer.Core.Tests.TestServers;
using Pacer.Core.Transport.WebSockets;

namespace Pacer.Core.Tests.Transport.WebSockets;

/// <summary>
/// Pacer's connector against a peer that writes and reads raw frames: the handshake's refusals and failures as classified
/// outcomes, and the framing as it crosses the wire — masked client frames, fragments joined, a ping answered between
/// fragments, messages larger than a frame and than the receive buffer, close codes both ways, and a peer that breaks the
/// protocol.
/// </summary>
public sealed class SocketWebSocketConnectorTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Connect_SendsTheUpgradeAndOpensOnAValid101()
    {
        using var peer = new RawWebSocketPeer();
        var connecting = Connect(peer.Address, [new("Authorization", "Bearer abc")], ["chat"]);
        await peer.AcceptAsync();
        await peer.WriteAsync(RawWebSocketPeer.Accept(peer.Key, "Sec-WebSocket-Protocol: chat\r\n"));
        var (outcome, session) = await connecting;

        Assert.True(outcome.Ok, outcome.Problem);
        Assert.Equal(101, outcome.Code);
        await using var open = session!;
        Assert.Equal("chat", open.Subprotocol);
        Assert.True(open.IsOpen);
        Assert.StartsWith("GET /chat?room=1 HTTP/1.1\r\n", peer.RequestHead, StringComparison.Ordinal);
        Assert.Contains("\r\nAuthorization: Bearer abc\r\n", peer.RequestHead, StringComparison.Ordinal);
        Assert.Contains("\r\nSec-WebSocket-Protocol: chat\r\n", peer.RequestHead, StringComparison.Ordinal);
        Assert.True(outcome.EndTicks >= outcome.StartTicks);
    }

    [Fact]
    public async Task Connect_RefusedWithAStatus_IsAHandshakeFailureKeepingIt()
    {
        using var peer = new RawWebSocketPeer();
        var connecting = Connect(peer.Address);
        await peer.AcceptAsync();
        await peer.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 401 Unauthorized\r\nContent-Length: 5\r\n\r\nnope!"));
        var (outcome, session) = await connecting;

        Assert.Null(session);
        Assert.Equal(WebSocketFailure.Handshake, outcome.Failure);
        Assert.Equal(401, outcome.Code);
        Assert.Equal("ws_handshake_401", WebSocketFailureNames.Name(outcome.Failure, outcome.Code));
        Assert.True(await peer.ClientClosedAsync());
    }

    [Fact]
    public async Task Connect_ABadAcceptHeader_IsAProtocolFailureAndNoSession()
    {
        using var peer = new RawWebSocketPeer();
        var connecting = Connect(peer.Address);
        await peer.AcceptAsync();
        await peer.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: AAAAAAAAAAAAAAAAAAAAAAAAAAA=\r\n\r\n"));
        var (outcome, session) = await connecting;

        Assert.Null(session);
        Assert.Equal(WebSocketFailure.Protocol, outcome.Failure);
        Assert.Contains("does not answer the key sent", outcome.Problem, StringComparison.Ordinal);
        Assert.True(await peer.ClientClosedAsync());
    }

    [Fact]
    public async Task Connect_ServerClosesWithoutAnswering_IsRefused()
    {
        using var peer = new RawWebSocketPeer();
        var connecting = Connect(peer.Address);
        await peer.AcceptAsync();
        peer.Dispose();
        var (outcome, session) = await connecting;

        Assert.Null(session);
        Assert.Equal(WebSocketFailure.Refused, outcome.Failure);
        Assert.Contains("handshake", outcome.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connect_NothingListening_IsRefused()
    {
        var dead = DeadPort.Url();
        var (outcome, session) = await Connect(new Uri($"ws://127.0.0.1:{dead.Port}/"));

        Assert.Null(session);
        Assert.Equal(WebSocketFailure.Refused, outcome.Failure);
        Assert.Contains("(connect)", outcome.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connect_NoAnswerWithinTheTimeout_IsATimeoutNotSooner()
    {
        using var peer = new RawWebSocketPeer();
        var timeout = TimeSpan.FromMilliseconds(300);
        var connecting = Connect(peer.Address, timeout: timeout);
        await peer.AcceptAsync();
        var (outcome, session) = await connecting;

        Assert.Null(session);
        Assert.Equal(WebSocketFailure.Timeout, outcome.Failure);
        Assert.True(Stopwatch.GetElapsedTime(outcome.StartTicks, outcome.EndTicks) >= timeout * 0.95, "the timeout ended early");
        Assert.True(Stopwatch.GetElapsedTime(outcome.StartTicks, outcome.EndTicks) < timeout + Wait, "the timeout did not end the wait");
    }

    [Fact]
    public async Task Connect_AHeaderThatCannotBeSent_SendsNothing()
    {
        using var peer = new RawWebSocketPeer();
        var (outcome, session) = await Connect(peer.Address, [new("Bad Name", "x")]);

        Assert.Null(session);
        Assert.Equal(WebSocketFailure.Protocol, outcome.Failure);
        Assert.StartsWith("the handshake was not sent: ", outcome.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FirstFrameInTheSamePacketAsThe101_IsReceived()
    {
        using var peer = new RawWebSocketPeer();
        var connecting = Connect(peer.Address);
        await peer.AcceptAsync();
        await peer.WriteAsync(RawWebSocketPeer.Accept(peer.Key), RawWebSocketPeer.Frame(true, 1, "welcome"u8));
        await using var session = Open(await connecting);

        var message = await Receive(session);
        Assert.Equal("welcome", Encoding.UTF8.GetString(message.Payload));
        Assert.False(message.Binary);
        Assert.Equal(1, session.Received);
    }

    [Fact]
    public async Task ClientFrames_AreMaskedWithAKeyPerFrame_AndUnmaskToWhatWasSent()
    {
        using var peer = new RawWebSocketPeer();
        await using var session = await OpenAsync(peer);

        Assert.True((await session.SendAsync("hello"u8.ToArray(), binary: false, CancellationToken.None)).Ok);
        Assert.True((await session.SendAsync(new byte[] { 0, 1, 2, 255 }, binary: true, CancellationToken.None)).Ok);
        var text = await peer.ReadFrameAsync();
        var binary = await peer.ReadFrameAsync();

        Assert.Equal((true, 1, true, "hello"), (text.Fin, text.Opcode, text.Masked, text.Text));
        Assert.Equal((true, 2, true), (binary.Fin, binary.Opcode, binary.Masked));
        Assert.Equal(new byte[] { 0, 1, 2, 255 }, binary.Payload);
        Assert.NotEqual(text.MaskKey, binary.MaskKey);
    }

    [Fact]
    public async Task FragmentedMessage_WithAPingBetweenFragments_IsJoinedWhole_AndThePingAnswered()
    {
        using var peer = new RawWebSocketPeer();
        await using var session = await OpenAsync(peer);
        await peer.WriteAsync(
            RawWebSocketPeer.Frame(false, 1, "hel"u8),
            RawWebSocketPeer.Frame(true, 9, "are you there"u8),
            RawWebSocketPeer.Frame(false, 0, "lo, "u8),
            RawWebSocketPeer.Frame(true, 0, "world"u8),
            RawWebSocketPeer.Frame(true, 2, [7, 8]));

        var joined = await Receive(session);
        var next = await Receive(session);
        var pong = await peer.ReadFrameAsync();

        Assert.Equal("hello, world", Encoding.UTF8.GetString(joined.Payload));
        Assert.False(joined.Binary);
        Assert.Equal(new byte[] { 7, 8 }, next.Payload);
        Assert.True(next.Binary);
        Assert.Equal(2, session.Received);
        Assert.Equal((true, 10, true, "are you there"), (pong.Fin, pong.Opcode, pong.Masked, pong.Text));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(125)]
    [InlineData(126)]
    [InlineData(40_000)]
    [InlineData(300_000)]
    public async Task MessageOfAnySize_FromEmptyToLargerThanTheReceiveBufferAndA16BitLength_ArrivesWhole(int size)
    {
        using var peer = new RawWebSocketPeer();
        await using var session = await OpenAsync(peer);
        var payload = Enumerable.Range(0, size).Select(i => (byte)(i * 31)).ToArray();
        await peer.WriteAsync(RawWebSocketPeer.Frame(true, 2, payload));

        var message = await Receive(session);
        Assert.Equal(payload, message.Payload);
    }

    [Fact]
    public async Task ALargeMessageSent_IsOneMaskedFrameWithA64BitLength()
    {
        using var peer = new RawWebSocketPeer();
        await using var session = await OpenAsync(peer);
        var payload = Enumerable.Range(0, 70_000).Select(i => (byte)i).ToArray();
        var sending = session.SendAsync(payload, binary: true, CancellationToken.None);

        var frame = await peer.ReadFrameAsync();
        Assert.True((await sending).Ok);
        Assert.True(frame.Fin && frame.Masked);
        Assert.Equal(payload, frame.Payload);
    }

    [Fact]
    public async Task PeerClosesWithACode_TheSessionEndsClosedWithIt_AndAnswersTheClose()
    {
        using var peer = new RawWebSocketPeer();
        await using var session = await OpenAsync(peer);
        await peer.WriteAsync(RawWebSocketPeer.Frame(true, 8, RawWebSocketPeer.ClosePayload(4001, "session over")));

        var answer = await peer.ReadFrameAsync();
        var outcome = await session.ReceiveAsync(Wait, CancellationToken.None);

        Assert.Equal((8, true), (answer.Opcode, answer.Masked));
        Assert.Equal(WebSocketFailure.Closed, outcome.Failure);
        Assert.Equal(4001, outcome.Code);
        Assert.Equal(4001, session.PeerCloseCode);
        Assert.Equal("ws_closed_4001", WebSocketFailureNames.Name(outcome.Failure, outcome.Code));
        Assert.False(session.IsOpen);
        Assert.False((await session.SendAsync("late"u8.ToArray(), binary: false, CancellationToken.None)).Ok);
    }

    [Fact]
    public async Task CloseAsync_SendsAMaskedCloseFrameWithTheCodeAndReason_AndWaitsForThePeers()
    {
        using var peer = new RawWebSocketPeer();
        var session = await OpenAsync(peer);
        var closing = session.CloseAsync(4321, "done here", Wait, CancellationToken.None);

        var close = await peer.ReadFrameAsync();
        Assert.Equal((8, true, 4321), (close.Opcode, close.Masked, close.CloseCode));
        Assert.Equal("done here", Encoding.UTF8.GetString(close.Payload.AsSpan(2)));
        Assert.False(closing.IsCompleted, "the close did not wait for the peer's");
        await peer.WriteAsync(RawWebSocketPeer.Frame(true, 8, RawWebSocketPeer.ClosePayload(4321, string.Empty)));

        var outcome = await closing.WaitAsync(Wait);
        Assert.True(outcome.Ok);
        Assert.True(await peer.ClientClosedAsync());
        Assert.False(session.IsOpen);
    }

    [Theory]
    [InlineData("masked", "a server's frame was masked")]
    [InlineData("opcode", "a reserved opcode")]
    [InlineData("continuation", "a continuation with no message to continue")]
    [InlineData("ping too long", "a control frame longer than 125 bytes")]
    public async Task ProtocolViolation_EndsTheSessionAsAProtocolFailure(string violation, string what)
    {
        using var peer = new RawWebSocketPeer();
        await using var session = await OpenAsync(peer);
        await peer.WriteAsync(violation switch
        {
            "masked" => RawWebSocketPeer.Frame(true, 1, "hi"u8, mask: true),
            "opcode" => RawWebSocketPeer.Frame(true, 3, "hi"u8),
            "continuation" => RawWebSocketPeer.Frame(true, 0, "hi"u8),
            _ => RawWebSocketPeer.Frame(true, 9, new byte[126]),
        });

        var outcome = await session.ReceiveAsync(Wait, CancellationToken.None);
        Assert.True(outcome.Failure == WebSocketFailure.Protocol, $"{what}: {outcome.Failure} {outcome.Problem}");
        Assert.Equal(WebSocketFailure.Protocol, session.EndFailure);
        Assert.Equal(0, session.Received);
    }

    [Fact]
    public async Task ConnectionCutWithoutACloseFrame_IsClosedNotProtocol()
    {
        using var peer = new RawWebSocketPeer();
        await using var session = await OpenAsync(peer);
        peer.Dispose();

        var outcome = await session.ReceiveAsync(Wait, CancellationToken.None);
        Assert.Equal(WebSocketFailure.Closed, outcome.Failure);
        Assert.Contains("without a close frame", outcome.Problem, StringComparison.Ordinal);
    }

    private static Task<(WebSocketOutcome Outcome, WebSocketSession? Session)> Connect(Uri address, IReadOnlyList<KeyValuePair<string, string>>? headers = null, IReadOnlyList<string>? subprotocols = null, TimeSpan? timeout = null) =>
        new SocketWebSocketConnector().ConnectAsync(new WebSocketConnectRequest(address, headers ?? [], subprotocols ?? [], timeout ?? Wait), null, CancellationToken.None);

    private static async Task<WebSocketSession> OpenAsync(RawWebSocketPeer peer)
    {
        var connecting = Connect(peer.Address);
        await peer.AcceptAsync();
        await peer.WriteAsync(RawWebSocketPeer.Accept(peer.Key));
        return Open(await connecting);
    }

    private static WebSocketSession Open((WebSocketOutcome Outcome, WebSocketSession? Session) connected)
    {
        Assert.True(connected.Outcome.Ok, connected.Outcome.Problem);
        return connected.Session!;
    }

    private static async Task<WebSocketMessage> Receive(WebSocketSession session)
    {
        var outcome = await session.ReceiveAsync(Wait, CancellationToken.None);
        Assert.True(outcome.Ok, $"{outcome.Failure}: {outcome.Problem}");
        return outcome.Message!;
    }
}
