using System.Buffers.Binary;
using System.IO.Compression;

namespace Pacer.Core.Recording;

/// <summary>
/// HdrHistogram's V2 encoding, so histograms in Pacer's result files can be read by any HdrHistogram implementation.
/// Uncompressed form: a 40-byte big-endian header (cookie 0x1c849313, payload length, normalizing index offset,
/// significant digits, lowest discernible value, highest trackable value, integer-to-double ratio) then the counts as
/// ZigZag LEB128 varints, a run of zero counts written as one negative number. Compressed form: cookie 0x1c849314,
/// the compressed length, then the uncompressed form through zlib.
/// </summary>
internal static class HistogramEncoding
{
    private const int EncodingCookie = 0x1c849303 | 0x10;
    private const int CompressedEncodingCookie = 0x1c849304 | 0x10;
    private const int HeaderSize = 40;

    public static byte[] EncodeCompressed(long[] counts, int maxIndex)
    {
        var plain = Encode(counts, maxIndex);
        using var output = new MemoryStream();
        Span<byte> prefix = stackalloc byte[8];
        output.Write(prefix);
        using (var zlib = new ZLibStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(plain);
        }

        var bytes = output.ToArray();
        BinaryPrimitives.WriteInt32BigEndian(bytes, CompressedEncodingCookie);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), bytes.Length - 8);
        return bytes;
    }

    public static byte[] Encode(long[] counts, int maxIndex)
    {
        var payload = new List<byte>(64);
        for (var i = 0; i <= maxIndex; i++)
        {
            var count = counts[i];
            if (count == 0)
            {
                var zeros = 1L;
                while (i + 1 <= maxIndex && counts[i + 1] == 0)
                {
                    zeros++;
                    i++;
                }

                WriteZigZag(payload, -zeros);
            }
            else
            {
                WriteZigZag(payload, count);
            }
        }

        var bytes = new byte[HeaderSize + payload.Count];
        var span = bytes.AsSpan();
        BinaryPrimitives.WriteInt32BigEndian(span, EncodingCookie);
        BinaryPrimitives.WriteInt32BigEndian(span[4..], payload.Count);
        BinaryPrimitives.WriteInt32BigEndian(span[8..], 0);
        BinaryPrimitives.WriteInt32BigEndian(span[12..], HistogramLayout.SignificantDigits);
        BinaryPrimitives.WriteInt64BigEndian(span[16..], HistogramLayout.LowestDiscernibleValue);
        BinaryPrimitives.WriteInt64BigEndian(span[24..], HistogramLayout.HighestTrackableValue);
        BinaryPrimitives.WriteDoubleBigEndian(span[32..], 1.0);
        payload.CopyTo(bytes, HeaderSize);
        return bytes;
    }

    /// <summary>Decodes a compressed (or plain) V2 histogram, calling <paramref name="add"/> with each non-zero (index, count).</summary>
    public static void DecodeCompressed(ReadOnlySpan<byte> bytes, Action<int, long> add)
    {
        if (bytes.Length < 8)
        {
            throw new FormatException("histogram: too short");
        }

        var cookie = BinaryPrimitives.ReadInt32BigEndian(bytes);
        if (cookie == EncodingCookie)
        {
            Decode(bytes, add);
            return;
        }

        if (cookie != CompressedEncodingCookie)
        {
            throw new FormatException($"histogram: cookie 0x{cookie:x8} is not HdrHistogram V2 (expected 0x{CompressedEncodingCookie:x8})");
        }

        var length = BinaryPrimitives.ReadInt32BigEndian(bytes[4..]);
        if (length < 0 || length > bytes.Length - 8)
        {
            throw new FormatException("histogram: compressed length exceeds the data");
        }

        byte[] plain;
        try
        {
            using var input = new MemoryStream(bytes.Slice(8, length).ToArray());
            using var zlib = new ZLibStream(input, CompressionMode.Decompress);
            plain = ReadBounded(zlib);
        }
        catch (InvalidDataException e)
        {
            throw new FormatException("histogram: compressed data is corrupt", e);
        }

        Decode(plain, add);
    }

    /// <summary>
    /// The decompressed bytes, refused beyond what a Pacer-layout histogram can take (every count and a zero run before each, at
    /// the longest varint): a few hundred bytes of zlib in a result file could otherwise inflate to gigabytes.
    /// </summary>
    private static byte[] ReadBounded(Stream zlib)
    {
        var limit = HeaderSize + (2L * HistogramLayout.CountsLength * 9);
        using var output = new MemoryStream();
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = zlib.Read(buffer)) > 0)
        {
            if (output.Length + read > limit)
            {
                throw new FormatException($"histogram: decompresses beyond {limit} bytes, more than any Pacer histogram");
            }

            output.Write(buffer, 0, read);
        }

        return output.ToArray();
    }

    private static void Decode(ReadOnlySpan<byte> bytes, Action<int, long> add)
    {
        if (bytes.Length < HeaderSize || BinaryPrimitives.ReadInt32BigEndian(bytes) != EncodingCookie)
        {
            throw new FormatException("histogram: not an HdrHistogram V2 encoding");
        }

        var payloadLength = BinaryPrimitives.ReadInt32BigEndian(bytes[4..]);
        var offset = BinaryPrimitives.ReadInt32BigEndian(bytes[8..]);
        var digits = BinaryPrimitives.ReadInt32BigEndian(bytes[12..]);
        var lowest = BinaryPrimitives.ReadInt64BigEndian(bytes[16..]);
        if (offset != 0 || digits != HistogramLayout.SignificantDigits || lowest != HistogramLayout.LowestDiscernibleValue)
        {
            throw new FormatException($"histogram: layout (digits {digits}, lowest {lowest}, offset {offset}) differs from Pacer's (3 digits, lowest 1 µs)");
        }

        if (payloadLength < 0 || payloadLength > bytes.Length - HeaderSize)
        {
            throw new FormatException("histogram: payload length exceeds the data");
        }

        var payload = bytes.Slice(HeaderSize, payloadLength);
        var position = 0;
        var index = 0;
        while (position < payload.Length)
        {
            var value = ReadZigZag(payload, ref position);
            if (value < 0)
            {
                index += (int)Math.Min(-value, int.MaxValue - index);
            }
            else
            {
                if (index >= HistogramLayout.CountsLength)
                {
                    throw new FormatException("histogram: counts beyond one hour; not a Pacer-compatible range");
                }

                if (value > 0)
                {
                    add(index, value);
                }

                index++;
            }
        }
    }

    private static void WriteZigZag(List<byte> output, long value)
    {
        var v = (ulong)((value << 1) ^ (value >> 63));
        // LEB128 with at most 9 bytes: eight 7-bit groups, then the last byte carries all 8 remaining bits.
        for (var i = 0; i < 8; i++)
        {
            if (v >> 7 == 0)
            {
                output.Add((byte)v);
                return;
            }

            output.Add((byte)((v & 0x7F) | 0x80));
            v >>= 7;
        }

        output.Add((byte)v);
    }

    private static long ReadZigZag(ReadOnlySpan<byte> data, ref int position)
    {
        ulong v = 0;
        var shift = 0;
        for (var i = 0; i < 9; i++)
        {
            if (position >= data.Length)
            {
                throw new FormatException("histogram: truncated count");
            }

            var b = data[position++];
            if (i == 8)
            {
                v |= (ulong)b << shift;
                break;
            }

            v |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                break;
            }

            shift += 7;
        }

        return (long)(v >> 1) ^ -(long)(v & 1);
    }
}
