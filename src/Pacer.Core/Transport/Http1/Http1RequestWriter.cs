namespace Pacer.Core.Transport.Http1;

/// <summary>
/// The one place an HTTP/1.1 request is framed: request line, Host (unless the request brings its own), the header lines,
/// Content-Length, the blank line and the body. A request mix's requests go through it once, at load; a scenario step's on
/// every send, into its user's buffer; HttpClient counts the same bytes as what the request costs on the wire.
/// </summary>
internal static class Http1RequestWriter
{
    /// <summary>
    /// Writes the request into <paramref name="wire"/> (cleared first). <paramref name="headerLines"/> are <c>Name: value</c>
    /// lines ending in CRLF, with no framing headers (the writer frames the body itself, so a user's Content-Length or
    /// Transfer-Encoding would contradict it). Returns where the header lines and the body landed in <paramref name="wire"/>.
    /// </summary>
    public static Http1RequestLayout Write(
        WireBuffer wire,
        string method,
        ReadOnlySpan<byte> pathAndQuery,
        ReadOnlySpan<byte> authority,
        bool hasHostHeader,
        ReadOnlySpan<byte> headerLines,
        ReadOnlySpan<byte> body,
        bool hasBody)
    {
        wire.Clear();
        wire.WriteUtf8(method);
        wire.Write((byte)' ');
        if (pathAndQuery.IsEmpty || pathAndQuery[0] != (byte)'/')
        {
            // "http://h" and "http://h?q" ask for "/" and "/?q": the request line needs the slash the URL left out.
            wire.Write((byte)'/');
        }

        WritePath(wire, pathAndQuery);
        wire.Write(" HTTP/1.1\r\n"u8);
        if (!hasHostHeader)
        {
            wire.Write("Host: "u8);
            wire.Write(authority);
            wire.Write("\r\n"u8);
        }

        var headersStart = wire.Length;
        wire.Write(headerLines);
        var headersEnd = wire.Length;
        if (hasBody || method is "POST" or "PUT" or "PATCH")
        {
            wire.Write("Content-Length: "u8);
            wire.WriteNumber(body.Length);
            wire.Write("\r\n"u8);
        }

        wire.Write("\r\n"u8);
        var bodyStart = wire.Length;
        wire.Write(body);
        return new Http1RequestLayout(headersStart, headersEnd, bodyStart);
    }

    /// <summary>Copies a path, percent-encoding the bytes a request line cannot carry as they are (as <see cref="Uri"/> would).</summary>
    private static void WritePath(WireBuffer wire, ReadOnlySpan<byte> path)
    {
        foreach (var b in path)
        {
            if (b <= 0x20 || b >= 0x7F || b is (byte)'"' or (byte)'<' or (byte)'>' or (byte)'\\' or (byte)'^' or (byte)'`' or (byte)'{' or (byte)'|' or (byte)'}')
            {
                wire.Write((byte)'%');
                wire.Write((byte)"0123456789ABCDEF"[b >> 4]);
                wire.Write((byte)"0123456789ABCDEF"[b & 0xF]);
            }
            else
            {
                wire.Write(b);
            }
        }
    }
}
