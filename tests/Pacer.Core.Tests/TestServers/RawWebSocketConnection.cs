using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;

namespace Pacer.Core.Tests.TestServers;

/// <summary>One upgraded connection of a <see cref="RawWebSocketServer"/>: reads the client's (masked) frames and writes its own.</summary>
internal sealed class RawWebSocketConnection(NetworkStream stream, CancellationToken stop)
{
    private readonly SemaphoreSlim writing = new(1, 1);
    private long messagesReceived;
    private long messagesSent;
    private long pongs;
    private long pingsAnswered;

    public long MessagesReceived => Interlocked.Read(ref messagesReceived);

    public long MessagesSent => Interlocked.Read(ref messagesSent);

    /// <summary>Pongs the client sent (answers to the server's pings).</summary>
    public long Pongs => Interlocked.Read(ref pongs);

    /// <summary>Pings of the client the server answered.</summary>
    public long PingsAnswered => Interlocked.Read(ref pingsAnswered);

    /// <summary>How long to hold the pong that answers a client's ping (measured from its arrival, never less).</summary>
    public TimeSpan PongDelay { get; set; }

    /// <summary>Send an unsolicited pong (another payload) before each real one, as a keep-alive might.</summary>
    public bool UnsolicitedPongFirst { get; set; }

    /// <summary>The close code the client sent, once it did.</summary>
    public int? ClientCloseCode { get; private set; }

    /// <summary>
    /// The next whole message (fragments joined), answering pings and counting pongs on the way; null when the client closed
    /// (the close is answered) or the connection ended.
    /// </summary>
    public async Task<(byte[] Payload, bool Binary)?> ReadMessageAsync()
    {
        var message = new MemoryStream();
        var binary = false;
        while (true)
        {
            var header = new byte[2];
            if (!await FillAsync(header))
            {
                return null;
            }

            var fin = (header[0] & 0x80) != 0;
            var opcode = header[0] & 0x0F;
            long length = header[1] & 0x7F;
            if (length == 126)
            {
                var ext = new byte[2];
                await FillAsync(ext);
                length = BinaryPrimitives.ReadUInt16BigEndian(ext);
            }
            else if (length == 127)
            {
                var ext = new byte[8];
                await FillAsync(ext);
                length = (long)BinaryPrimitives.ReadUInt64BigEndian(ext);
            }

            var mask = new byte[4];
            if ((header[1] & 0x80) != 0)
            {
                await FillAsync(mask);
            }

            var payload = new byte[length];
            await FillAsync(payload);
            for (var i = 0; i < payload.Length; i++)
            {
                payload[i] ^= mask[i % 4];
            }

            switch (opcode)
            {
                case 0x8:
                    ClientCloseCode = payload.Length >= 2 ? BinaryPrimitives.ReadUInt16BigEndian(payload) : 1005;
                    await SendFrameAsync(0x8, payload.AsMemory(0, Math.Min(2, payload.Length)));
                    return null;
                case 0x9:
                    var arrived = System.Diagnostics.Stopwatch.GetTimestamp();
                    if (UnsolicitedPongFirst)
                    {
                        await SendFrameAsync(0xA, "keep-alive"u8.ToArray());
                    }

                    while (System.Diagnostics.Stopwatch.GetElapsedTime(arrived) < PongDelay)
                    {
                        await Task.Delay(1, stop);
                    }

                    await SendFrameAsync(0xA, payload);
                    Interlocked.Increment(ref pingsAnswered);
                    continue;
                case 0xA:
                    Interlocked.Increment(ref pongs);
                    continue;
                case 0x1 or 0x2:
                    binary = opcode == 0x2;
                    break;
            }

            message.Write(payload);
            if (fin)
            {
                Interlocked.Increment(ref messagesReceived);
                return (message.ToArray(), binary);
            }
        }
    }

    /// <summary>Sends a whole text message in one frame.</summary>
    public Task SendTextAsync(string text) => SendMessageAsync(Encoding.UTF8.GetBytes(text), binary: false);

    /// <summary>Sends a whole message in one frame.</summary>
    public async Task SendMessageAsync(ReadOnlyMemory<byte> payload, bool binary)
    {
        await SendFrameAsync(binary ? 0x2 : 0x1, payload);
        Interlocked.Increment(ref messagesSent);
    }

    /// <summary>Sends one message as <paramref name="parts"/> fragments, with a ping between each two (control frames may interleave).</summary>
    public async Task SendFragmentedAsync(string text, int parts, bool pingBetween)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var size = (bytes.Length + parts - 1) / parts;
        for (var i = 0; i < parts; i++)
        {
            var chunk = bytes.AsMemory(i * size, Math.Min(size, bytes.Length - (i * size)));
            await SendFrameAsync(i == 0 ? 0x1 : 0x0, chunk, fin: i == parts - 1);
            if (pingBetween && i < parts - 1)
            {
                await PingAsync();
            }
        }

        Interlocked.Increment(ref messagesSent);
    }

    /// <summary>Sends a ping (the client's WebSocket answers it with a pong, counted by <see cref="ReadMessageAsync"/>).</summary>
    public Task PingAsync() => SendFrameAsync(0x9, "srv"u8.ToArray());

    /// <summary>Closes from the server's side with <paramref name="code"/>.</summary>
    public Task CloseAsync(int code)
    {
        var payload = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(payload, (ushort)code);
        return SendFrameAsync(0x8, payload);
    }

    public async Task SendFrameAsync(int opcode, ReadOnlyMemory<byte> payload, bool fin = true)
    {
        var header = new byte[10];
        header[0] = (byte)((fin ? 0x80 : 0) | opcode);
        int headerLength;
        if (payload.Length < 126)
        {
            header[1] = (byte)payload.Length;
            headerLength = 2;
        }
        else if (payload.Length <= ushort.MaxValue)
        {
            header[1] = 126;
            BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(2), (ushort)payload.Length);
            headerLength = 4;
        }
        else
        {
            header[1] = 127;
            BinaryPrimitives.WriteUInt64BigEndian(header.AsSpan(2), (ulong)payload.Length);
            headerLength = 10;
        }

        await writing.WaitAsync(stop);
        try
        {
            await stream.WriteAsync(header.AsMemory(0, headerLength), stop);
            await stream.WriteAsync(payload, stop);
        }
        finally
        {
            writing.Release();
        }
    }

    private async Task<bool> FillAsync(byte[] buffer)
    {
        var have = 0;
        while (have < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(have), stop);
            if (read == 0)
            {
                return false;
            }

            have += read;
        }

        return true;
    }
}
