using System.Buffers;
using System.Text;

namespace Pacer.Core.Transport;

/// <summary>
/// A growable byte buffer that a request or response keeps for its whole life and clears before each use: once it has grown to
/// the size its exchanges need, framing and capturing write into it without allocating. (The scenario runtime renders into
/// its own <c>WireBuffer</c>, which lives with the plans; the transport cannot depend on them.)
/// The array is made at the first write, not with the buffer: a virtual user owns ten of these (request, response, scratch,
/// socket payload …) and most stay unused by its plan, and ten thousand users that only hold a WebSocket open would otherwise
/// keep 4–5 KB each of arrays they never write (bench/README.md, memory per idle socket).
/// </summary>
internal sealed class WireBuffer(int initialCapacity = 256) : IBufferWriter<byte>
{
    private byte[] array = [];

    /// <summary>Bytes written since the last <see cref="Clear"/>.</summary>
    public int Length { get; private set; }

    /// <summary>The bytes written so far.</summary>
    public ReadOnlySpan<byte> WrittenSpan => array.AsSpan(0, Length);

    /// <summary>The backing array (valid up to <see cref="Length"/>), for native writes that pin it.</summary>
    public byte[] Array => array;

    public void Clear() => Length = 0;

    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (Length + count > array.Length)
        {
            throw new InvalidOperationException("advanced past the end of the span handed out");
        }

        Length += count;
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(Math.Max(sizeHint, 1));
        return array.AsSpan(Length);
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(Math.Max(sizeHint, 1));
        return array.AsMemory(Length);
    }

    public void Write(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(array.AsSpan(Length));
        Length += bytes.Length;
    }

    public void Write(byte value)
    {
        Ensure(1);
        array[Length++] = value;
    }

    /// <summary>Appends <paramref name="text"/> as UTF-8.</summary>
    public void WriteUtf8(ReadOnlySpan<char> text)
    {
        Ensure(Encoding.UTF8.GetMaxByteCount(text.Length));
        Length += Encoding.UTF8.GetBytes(text, array.AsSpan(Length));
    }

    /// <summary>Appends a whole number in decimal.</summary>
    public void WriteNumber(long value)
    {
        Ensure(20);
        value.TryFormat(array.AsSpan(Length), out var written, default, System.Globalization.CultureInfo.InvariantCulture);
        Length += written;
    }

    private void Ensure(int more)
    {
        if (array.Length - Length >= more)
        {
            return;
        }

        var grown = new byte[Math.Max(Math.Max(array.Length * 2, initialCapacity), Length + more)];
        array.AsSpan(0, Length).CopyTo(grown);
        array = grown;
    }
}
