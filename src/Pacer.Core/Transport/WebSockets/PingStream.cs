using System.Buffers.Binary;
using System.Diagnostics;
using System.Security.Cryptography;

namespace Pacer.Core.Transport.WebSockets;

/// <summary>
/// The plaintext stream under a socket that pings: .NET's WebSocket neither sends a ping on request nor tells when a pong
/// came, so this stream does both beneath it. It writes a masked ping frame between the WebSocket's own writes (each of its
/// frames is one write, and writes are serialised here, so frames never interleave), and it follows the frames the server
/// sends, past the HTTP handshake's head, to stamp the pong that answers the ping with the time its read returned. Everything
/// else passes through untouched: the WebSocket above still answers the server's pings and reads every message.
/// </summary>
/// <param name="inner">The connection's plaintext stream.</param>
/// <param name="afterHead">True when the stream starts after the handshake's head (Pacer's own handshake read it already);
/// false when the HTTP handler writes the upgrade through it and the server's head comes first.</param>
internal sealed class PingStream(Stream inner, bool afterHead = false) : Stream
{
    private const byte PingOpcode = 0x9;
    private const byte PongOpcode = 0xA;
    private static readonly byte[] HeadEnd = "\r\n\r\n"u8.ToArray();

    private readonly SemaphoreSlim writing = new(1, 1);
    private readonly byte[] header = new byte[14];
    private readonly byte[] pongPayload = new byte[8];
    private readonly byte[] mask = new byte[4];
    private int headMatched = afterHead ? HeadEnd.Length : 0;
    private int headerHave;
    private int headerNeed = 2;
    private long payloadLeft;
    private long payloadSeen;
    private byte opcode;
    private bool masked;
    private long pingSequence;
    private long awaited = -1;
    private TaskCompletionSource<long>? pong;

    /// <summary>What to dispose with the stream (the HTTP handler that opened the connection).</summary>
    public IDisposable? Owner { get; set; }

    public override bool CanRead => inner.CanRead;

    public override bool CanSeek => false;

    public override bool CanWrite => inner.CanWrite;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <summary>
    /// Sends a ping and returns when it was written and when its pong's read returned (Stopwatch ticks); the task ends with the
    /// pong, or throws when <paramref name="cancellationToken"/> ends the wait (the caller's timeout) first.
    /// </summary>
    public async Task<(long Sent, long Answered)> PingAsync(CancellationToken cancellationToken)
    {
        var id = Interlocked.Increment(ref pingSequence);
        var answered = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref pong, answered);
        Interlocked.Exchange(ref awaited, id);
        var frame = new byte[14];
        frame[0] = 0x80 | PingOpcode;
        frame[1] = 0x80 | 8;
        RandomNumberGenerator.Fill(frame.AsSpan(2, 4));
        BinaryPrimitives.WriteInt64BigEndian(frame.AsSpan(6), id);
        for (var i = 0; i < 8; i++)
        {
            frame[6 + i] ^= frame[2 + (i % 4)];
        }

        long sent;
        await writing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Written whole, never cut off by the timeout: half a frame would break the connection for the socket above.
            sent = Stopwatch.GetTimestamp();
            await inner.WriteAsync(frame, CancellationToken.None).ConfigureAwait(false);
            await inner.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            writing.Release();
        }

        using var registration = cancellationToken.Register(static state => ((TaskCompletionSource<long>)state!).TrySetCanceled(), answered);
        return (sent, await answered.Task.ConfigureAwait(false));
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        Follow(buffer.Span[..read], Stopwatch.GetTimestamp());
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = inner.Read(buffer);
        Follow(buffer[..read], Stopwatch.GetTimestamp());
        return read;
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await writing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await inner.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            writing.Release();
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        writing.Wait();
        try
        {
            inner.Write(buffer);
        }
        finally
        {
            writing.Release();
        }
    }

    public override void Flush() => inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
            Owner?.Dispose();
            Volatile.Read(ref pong)?.TrySetCanceled();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await inner.DisposeAsync().ConfigureAwait(false);
        Owner?.Dispose();
        Volatile.Read(ref pong)?.TrySetCanceled();
        GC.SuppressFinalize(this);
    }

    /// <summary>Follows the bytes the server sent: the handshake's head, then frame headers and payloads (only a pong's is kept).</summary>
    private void Follow(ReadOnlySpan<byte> bytes, long now)
    {
        var i = 0;
        while (headMatched < HeadEnd.Length && i < bytes.Length)
        {
            headMatched = bytes[i] == HeadEnd[headMatched] ? headMatched + 1 : bytes[i] == HeadEnd[0] ? 1 : 0;
            i++;
        }

        while (i < bytes.Length)
        {
            if (payloadLeft > 0)
            {
                var take = (int)Math.Min(payloadLeft, bytes.Length - i);
                if (opcode == PongOpcode)
                {
                    for (var j = 0; j < take; j++, payloadSeen++)
                    {
                        if (payloadSeen < pongPayload.Length)
                        {
                            pongPayload[payloadSeen] = (byte)(bytes[i + j] ^ (masked ? mask[payloadSeen % 4] : 0));
                        }
                    }
                }

                i += take;
                payloadLeft -= take;
                if (payloadLeft == 0)
                {
                    FrameDone(now);
                }

                continue;
            }

            header[headerHave++] = bytes[i++];
            if (headerHave == 2)
            {
                var length = header[1] & 0x7F;
                headerNeed = 2 + (length == 126 ? 2 : length == 127 ? 8 : 0) + ((header[1] & 0x80) != 0 ? 4 : 0);
            }

            if (headerHave >= 2 && headerHave == headerNeed)
            {
                StartFrame(now);
            }
        }
    }

    private void StartFrame(long now)
    {
        opcode = (byte)(header[0] & 0x0F);
        masked = (header[1] & 0x80) != 0;
        var length = header[1] & 0x7F;
        var at = 2;
        payloadLeft = length switch
        {
            126 => BinaryPrimitives.ReadUInt16BigEndian(header.AsSpan(2)),
            127 => (long)BinaryPrimitives.ReadUInt64BigEndian(header.AsSpan(2)),
            _ => length,
        };
        at += length == 126 ? 2 : length == 127 ? 8 : 0;
        if (masked)
        {
            header.AsSpan(at, 4).CopyTo(mask);
        }

        payloadSeen = 0;
        headerHave = 0;
        headerNeed = 2;
        if (payloadLeft == 0)
        {
            FrameDone(now);
        }
    }

    private void FrameDone(long now)
    {
        // Only the pong that carries the awaited ping's number ends the wait: a server's unsolicited pong (a keep-alive) or a
        // late answer to a ping given up on does not.
        if (opcode == PongOpcode)
        {
            var id = payloadSeen == 8 ? BinaryPrimitives.ReadInt64BigEndian(pongPayload) : 0;
            if (id > 0 && Interlocked.CompareExchange(ref awaited, -1, id) == id)
            {
                Volatile.Read(ref pong)?.TrySetResult(now);
            }
        }

        opcode = 0;
    }
}
