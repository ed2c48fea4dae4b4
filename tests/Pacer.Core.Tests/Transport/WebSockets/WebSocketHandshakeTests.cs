using System.Text;
using Pacer.Core.Transport.WebSockets;

namespace Pacer.Core.Tests.Transport.WebSockets;

/// <summary>The opening handshake's request bytes and every check on the server's answer (RFC 6455 §4.1), without a socket.</summary>
public sealed class WebSocketHandshakeTests
{
    private const string Key = "dGhlIHNhbXBsZSBub25jZQ==";

    [Fact]
    public void AcceptFor_IsRfc6455sWorkedExample() =>
        Assert.Equal("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", WebSocketHandshake.AcceptFor(Key));

    [Fact]
    public void NewKey_IsSixteenRandomBytesInBase64()
    {
        var a = WebSocketHandshake.NewKey();
        Assert.Equal(16, Convert.FromBase64String(a).Length);
        Assert.NotEqual(a, WebSocketHandshake.NewKey());
    }

    [Fact]
    public void TryWriteRequest_WritesTheUpgradeWithHostPathHeadersAndSubprotocols()
    {
        Assert.True(WebSocketHandshake.TryWriteRequest(new Uri("ws://example.test:8080/sessions/7/ws?x=1"), Key, [new("Authorization", "Bearer t0k")], ["chat", "v2.json"], out var bytes, out var problem));

        Assert.Equal(string.Empty, problem);
        Assert.Equal(
            "GET /sessions/7/ws?x=1 HTTP/1.1\r\nHost: example.test:8080\r\nAuthorization: Bearer t0k\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
            $"Sec-WebSocket-Key: {Key}\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: chat, v2.json\r\n\r\n",
            Encoding.UTF8.GetString(bytes));
    }

    [Theory]
    [InlineData("ws://example.test/", "example.test")]
    [InlineData("wss://example.test/", "example.test")]
    [InlineData("wss://example.test:8443/", "example.test:8443")]
    [InlineData("ws://[::1]:9000/", "[::1]:9000")]
    [InlineData("ws://[::1]/", "[::1]")]
    public void TryWriteRequest_HostLeavesOutTheDefaultPortAndBracketsIPv6(string url, string host)
    {
        Assert.True(WebSocketHandshake.TryWriteRequest(new Uri(url), Key, [], [], out var bytes, out _));
        Assert.Contains($"\r\nHost: {host}\r\n", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
    }

    [Fact]
    public void TryWriteRequest_APlansHostHeaderReplacesTheAddresses()
    {
        Assert.True(WebSocketHandshake.TryWriteRequest(new Uri("ws://127.0.0.1:9000/"), Key, [new("host", "api.example")], [], out var bytes, out _));
        var text = Encoding.UTF8.GetString(bytes);
        Assert.Contains("\r\nHost: api.example\r\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("127.0.0.1", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Bad Name", "x", "is not an HTTP token")]
    [InlineData("", "x", "is not an HTTP token")]
    [InlineData("X-Evil", "a\r\nX-Injected: 1", "control character")]
    [InlineData("X-Nul", "a\0b", "control character")]
    [InlineData("Sec-WebSocket-Key", "abc", "written by the WebSocket handshake itself")]
    [InlineData("connection", "close", "written by the WebSocket handshake itself")]
    public void TryWriteRequest_AHeaderThatCannotBeSent_IsRefusedNamingIt(string name, string value, string expected)
    {
        Assert.False(WebSocketHandshake.TryWriteRequest(new Uri("ws://h/"), Key, [new(name, value)], [], out _, out var problem));
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void TryWriteRequest_ASubprotocolThatIsNotAToken_IsRefused()
    {
        Assert.False(WebSocketHandshake.TryWriteRequest(new Uri("ws://h/"), Key, [], ["chat v2"], out _, out var problem));
        Assert.Contains("'chat v2' is not a token", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void HeadLength_FindsTheBlankLine_OrMinusOneWhileIncomplete()
    {
        Assert.Equal(-1, WebSocketHandshake.HeadLength("HTTP/1.1 101 OK\r\nUpgrade: websocket\r\n"u8));
        Assert.Equal(19, WebSocketHandshake.HeadLength("HTTP/1.1 101 OK\r\n\r\n\x81\x02hi"u8));
    }

    [Fact]
    public void ReadAnswer_AValid101_IsAcceptedWithTheChosenSubprotocol()
    {
        var answer = Read($"HTTP/1.1 101 Switching Protocols\r\nupgrade: WebSocket\r\nConnection: keep-alive, Upgrade\r\nSec-WebSocket-Accept: {WebSocketHandshake.AcceptFor(Key)}\r\nSec-WebSocket-Protocol: v2.json\r\n\r\n", ["chat", "v2.json"]);
        Assert.True(answer.Accepted, answer.Problem);
        Assert.Equal(101, answer.Status);
        Assert.Equal("v2.json", answer.Subprotocol);
    }

    [Theory]
    [InlineData(401)]
    [InlineData(403)]
    [InlineData(404)]
    [InlineData(200)]
    public void ReadAnswer_AnotherStatus_IsARefusalThatKeepsIt(int status)
    {
        var answer = Read($"HTTP/1.1 {status} Whatever\r\nContent-Length: 0\r\n\r\n");
        Assert.False(answer.Accepted);
        Assert.Equal(status, answer.Status);
        Assert.Contains($"HTTP {status}", answer.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadAnswer_AWrongAccept_IsAProblemNamingBothValues()
    {
        var answer = Read("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: bm90IHRoZSByaWdodCBvbmU=\r\n\r\n");
        Assert.False(answer.Accepted);
        Assert.Equal(101, answer.Status);
        Assert.Contains("'bm90IHRoZSByaWdodCBvbmU=' does not answer the key sent (expected s3pPLMBiTxaQ9kYGzzhZRbK+xOo=)", answer.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Upgrade: websocket\r\nConnection: Upgrade\r\n", "no Sec-WebSocket-Accept")]
    [InlineData("Connection: Upgrade\r\nSec-WebSocket-Accept: ACCEPT\r\n", "no 'Upgrade: websocket'")]
    [InlineData("Upgrade: h2c\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ACCEPT\r\n", "no 'Upgrade: websocket'")]
    [InlineData("Upgrade: websocket\r\nSec-WebSocket-Accept: ACCEPT\r\n", "no 'Connection: Upgrade'")]
    [InlineData("Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ACCEPT\r\nSec-WebSocket-Protocol: mqtt\r\n", "'mqtt', which was not offered")]
    [InlineData("Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ACCEPT\r\nSec-WebSocket-Extensions: permessage-deflate\r\n", "extensions that were not offered")]
    [InlineData("Upgrade websocket\r\n", "malformed header line")]
    public void ReadAnswer_A101ThatIsNotAWebSocketUpgrade_IsAProblem(string headers, string expected)
    {
        var answer = Read("HTTP/1.1 101 Switching Protocols\r\n" + headers.Replace("ACCEPT", WebSocketHandshake.AcceptFor(Key), StringComparison.Ordinal) + "\r\n", ["chat"]);
        Assert.False(answer.Accepted);
        Assert.Contains(expected, answer.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SSH-2.0-OpenSSH_9.2\r\n\r\n")]
    [InlineData("HTTP/1.1 1O1 Switching\r\n\r\n")]
    [InlineData("\r\n\r\n")]
    public void ReadAnswer_NotHttp_HasNoStatus(string head)
    {
        var answer = Read(head);
        Assert.False(answer.Accepted);
        Assert.Equal(0, answer.Status);
        Assert.Contains("not HTTP/1.1", answer.Problem, StringComparison.Ordinal);
    }

    private static WebSocketHandshakeAnswer Read(string head, IReadOnlyList<string>? subprotocols = null) =>
        WebSocketHandshake.ReadAnswer(Encoding.ASCII.GetBytes(head), Key, subprotocols ?? []);
}
