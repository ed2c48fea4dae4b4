namespace Pacer.Core.Transport.Http1;

/// <summary>Case-insensitive ASCII comparisons over byte spans, without decoding to strings.</summary>
internal static class AsciiSpans
{
    public static bool EqualsAnyCase(this ReadOnlySpan<byte> span, ReadOnlySpan<byte> lowerCase)
    {
        if (span.Length != lowerCase.Length)
        {
            return false;
        }

        for (var i = 0; i < span.Length; i++)
        {
            if (Lower(span[i]) != lowerCase[i])
            {
                return false;
            }
        }

        return true;
    }

    public static bool EndsWithAnyCase(this ReadOnlySpan<byte> span, ReadOnlySpan<byte> lowerCase) =>
        span.Length >= lowerCase.Length && span[^lowerCase.Length..].EqualsAnyCase(lowerCase);

    public static bool ContainsAnyCase(this ReadOnlySpan<byte> span, ReadOnlySpan<byte> lowerCase)
    {
        for (var i = 0; i + lowerCase.Length <= span.Length; i++)
        {
            if (span.Slice(i, lowerCase.Length).EqualsAnyCase(lowerCase))
            {
                return true;
            }
        }

        return false;
    }

    private static byte Lower(byte b) => b is >= (byte)'A' and <= (byte)'Z' ? (byte)(b | 0x20) : b;
}
