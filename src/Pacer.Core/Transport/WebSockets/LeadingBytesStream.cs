namespace Pacer.Core.Transport.WebSockets;

/// <summary>
/// A connection's stream that first gives back the bytes the handshake read past the server's answer (a server may send its
/// first frame in the same packet as its 101), then reads from the connection. Only such a socket is wrapped: an ordinary
/// one keeps the bare stream, and nothing more per socket.
/// </summary>
internal sealed class LeadingBytesStream(Stream inner, byte[] leading) : Stream
{
    private int offset;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var taken = TakeLeading(buffer);
        return taken > 0 || buffer.IsEmpty ? taken : inner.Read(buffer);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (offset < leading.Length)
        {
            // A zero-byte read asks whether data is ready: it is.
            return ValueTask.FromResult(TakeLeading(buffer.Span));
        }

        return inner.ReadAsync(buffer, cancellationToken);
    }

    public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);

    public override void Write(ReadOnlySpan<byte> buffer) => inner.Write(buffer);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        inner.WriteAsync(buffer, offset, count, cancellationToken);

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        inner.WriteAsync(buffer, cancellationToken);

    public override void Flush() => inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    public override ValueTask DisposeAsync() => inner.DisposeAsync();

    private int TakeLeading(Span<byte> buffer)
    {
        var count = Math.Min(buffer.Length, leading.Length - offset);
        if (count <= 0)
        {
            return 0;
        }

        leading.AsSpan(offset, count).CopyTo(buffer);
        offset += count;
        return count;
    }
}
