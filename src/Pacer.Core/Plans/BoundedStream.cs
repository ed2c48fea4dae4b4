namespace Pacer.Core.Plans;

/// <summary>
/// A read-only view of a stream that throws <see cref="InputFileException"/> once more than a bound has been read: a file read as
/// it streams in can still grow while it is read (or be a device that said its size was 0), and must not fill memory.
/// </summary>
internal sealed class BoundedStream(Stream inner, long maxBytes, string tooLarge) : Stream
{
    private long total;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => total;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = inner.Read(buffer);
        total += read;
        if (total > maxBytes)
        {
            throw new InputFileException(tooLarge);
        }

        return read;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
