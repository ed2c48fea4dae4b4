using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Pacer.Core.Transport.WebSockets;

namespace Pacer.Core.Tests.TestServers;

/// <summary>One frame as the peer read it from the client: its flags, opcode, mask and unmasked payload.</summary>
internal sealed record RawFrame(bool Fin, int Opcode, bool Masked, uint MaskKey, byte[] Payload)
{
    public string Text => Encoding.UTF8.GetString(Payload);

    /// <summary>The close code of a close frame's payload (0 when it has none).</summary>
    public int CloseCode => Payload.Length >= 2 ? BinaryPrimitives.ReadUInt16BigEndian(Payload) : 0;
}

/// <summary>
/// A WebSocket server on 127.0.0.1 (port 0) that writes and reads frames byte by byte, as a test scripts them: answers that
/// no real server gives (a wrong accept, a refusal, fragments with a ping between them, a masked frame), and a view of the
/// client's frames exactly as they came over the wire (masking bit, key, payload). One connection at a time.
/// </summary>
internal sealed class RawWebSocketPeer : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private Socket? connection;
    private NetworkStream? stream;

    public RawWebSocketPeer()
    {
        listener.Start();
        Address = new Uri($"ws://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/chat?room=1");
    }

    public Uri Address { get; }

    /// <summary>The client's upgrade request head, once accepted.</summary>
    public string RequestHead { get; private set; } = string.Empty;

    /// <summary>The Sec-WebSocket-Key the client sent.</summary>
    public string Key => RequestHead.Split("\r\n").First(l => l.StartsWith("Sec-WebSocket-Key:", StringComparison.OrdinalIgnoreCase))[18..].Trim();

    /// <summary>The correct 101 answer to <paramref name="key"/> (RFC 6455's accept), with <paramref name="extra"/> header lines.</summary>
    public static byte[] Accept(string key, string extra = "") =>
        Encoding.ASCII.GetBytes($"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: {WebSocketHandshake.AcceptFor(key)}\r\n{extra}\r\n");

    /// <summary>A server frame (never masked, unless <paramref name="mask"/>, which servers must not do).</summary>
    public static byte[] Frame(bool fin, int opcode, ReadOnlySpan<byte> payload, bool mask = false)
    {
        var head = new List<byte> { (byte)((fin ? 0x80 : 0) | opcode) };
        var maskBit = mask ? 0x80 : 0;
        if (payload.Length < 126)
        {
            head.Add((byte)(maskBit | payload.Length));
        }
        else if (payload.Length <= ushort.MaxValue)
        {
            head.Add((byte)(maskBit | 126));
            head.Add((byte)(payload.Length >> 8));
            head.Add((byte)payload.Length);
        }
        else
        {
            head.Add((byte)(maskBit | 127));
            var length = new byte[8];
            BinaryPrimitives.WriteUInt64BigEndian(length, (ulong)payload.Length);
            head.AddRange(length);
        }

        if (mask)
        {
            head.AddRange([1, 2, 3, 4]);
            var masked = payload.ToArray();
            for (var i = 0; i < masked.Length; i++)
            {
                masked[i] ^= (byte)(i % 4 + 1);
            }

            return [.. head, .. masked];
        }

        return [.. head, .. payload];
    }

    /// <summary>A close frame's payload: the code (big-endian) and the reason.</summary>
    public static byte[] ClosePayload(int code, string reason) =>
        [(byte)(code >> 8), (byte)code, .. Encoding.UTF8.GetBytes(reason)];

    /// <summary>Accepts the client's connection and reads its upgrade request (nothing is answered yet).</summary>
    public async Task AcceptAsync()
    {
        using var limit = new CancellationTokenSource(Bound);
        connection = await listener.AcceptSocketAsync(limit.Token);
        stream = new NetworkStream(connection, ownsSocket: true);
        var head = new List<byte>();
        var one = new byte[1];
        while (head.Count < 4 || !(head[^4] == '\r' && head[^3] == '\n' && head[^2] == '\r' && head[^1] == '\n'))
        {
            if (await stream.ReadAsync(one, limit.Token) == 0)
            {
                throw new IOException("the client closed before its request was complete");
            }

            head.Add(one[0]);
        }

        RequestHead = Encoding.ASCII.GetString([.. head]);
    }

    public async Task WriteAsync(params byte[][] parts)
    {
        // One write for all parts: a test that sends a frame right behind the 101 gets them in one segment.
        await stream!.WriteAsync(parts.SelectMany(p => p).ToArray());
        await stream.FlushAsync();
    }

    /// <summary>The client's next frame, unmasked (bounded: a frame that never comes fails the test).</summary>
    public async Task<RawFrame> ReadFrameAsync()
    {
        using var limit = new CancellationTokenSource(Bound);
        var head = await ReadExactlyAsync(2, limit.Token);
        var masked = (head[1] & 0x80) != 0;
        long length = head[1] & 0x7f;
        if (length == 126)
        {
            length = BinaryPrimitives.ReadUInt16BigEndian(await ReadExactlyAsync(2, limit.Token));
        }
        else if (length == 127)
        {
            length = (long)BinaryPrimitives.ReadUInt64BigEndian(await ReadExactlyAsync(8, limit.Token));
        }

        var key = masked ? await ReadExactlyAsync(4, limit.Token) : [0, 0, 0, 0];
        var payload = await ReadExactlyAsync((int)length, limit.Token);
        for (var i = 0; i < payload.Length; i++)
        {
            payload[i] ^= key[i % 4];
        }

        return new RawFrame((head[0] & 0x80) != 0, head[0] & 0x0f, masked, BinaryPrimitives.ReadUInt32BigEndian(key), payload);
    }

    /// <summary>True when the client has closed its side (the next read finds the end of the stream), within the bound.</summary>
    public async Task<bool> ClientClosedAsync()
    {
        using var limit = new CancellationTokenSource(Bound);
        var one = new byte[1];
        try
        {
            return await stream!.ReadAsync(one, limit.Token) == 0;
        }
        catch (IOException)
        {
            // A reset is the client gone too.
            return true;
        }
    }

    public void Dispose()
    {
        stream?.Dispose();
        connection?.Dispose();
        listener.Dispose();
    }

    private async Task<byte[]> ReadExactlyAsync(int count, CancellationToken cancellationToken)
    {
        var buffer = new byte[count];
        await stream!.ReadExactlyAsync(buffer, cancellationToken);
        return buffer;
    }
}
