using System.Text;

namespace Pacer.Core.Transport;

/// <summary>
/// What an exchange got back, kept for whoever reads it (a scenario step's checks and extractions): the measured outcome plus
/// the raw header block and body. One per virtual user, refilled by every step's exchange: headers are looked up by name over the raw bytes and the body is a
/// span, so reading a response allocates nothing (only a regular expression over the body decodes it to text).
/// </summary>
internal sealed class ExchangeResponse
{
    /// <summary>
    /// The most body a step keeps. A larger body on the lean transport is a <c>protocol</c> error (a flow step that reads a
    /// body that large is a mistake in the plan or the service); HttpClient keeps the first part and counts the rest.
    /// </summary>
    public const int MaxBodyBytes = 16 * 1024 * 1024;

    private readonly WireBuffer headers = new(512);
    private readonly WireBuffer body = new(1024);
    private string? text;

    public TransportResult Result { get; set; }

    /// <summary>The header lines as received (<c>Name: value</c>, each ending in CRLF), interim 1xx responses excluded.</summary>
    public ReadOnlySpan<byte> HeaderBlock => headers.WrittenSpan;

    public ReadOnlySpan<byte> Body => body.WrittenSpan;

    /// <summary>The body decoded as UTF-8, once per response (for regular expressions, which need text).</summary>
    public string Text => text ??= Encoding.UTF8.GetString(Body);

    /// <summary>A response filled from decoded headers (HttpClient's, or a test's) and a body.</summary>
    public static ExchangeResponse From(TransportResult result, IEnumerable<KeyValuePair<string, string>> headers, ReadOnlySpan<byte> body)
    {
        var response = new ExchangeResponse();
        response.Fill(result, headers, body);
        return response;
    }

    /// <summary>Forgets the previous response (before a send, and before a retry on a fresh connection).</summary>
    public void Clear()
    {
        headers.Clear();
        body.Clear();
        text = null;
        Result = default;
    }

    /// <summary>Forgets the headers of an interim (1xx) response: the final one's follow.</summary>
    public void ClearHeaders() => headers.Clear();

    /// <summary>Keeps one raw header line (without its CRLF).</summary>
    public void AddHeaderLine(ReadOnlySpan<byte> line)
    {
        headers.Write(line);
        headers.Write("\r\n"u8);
    }

    /// <summary>Keeps body bytes; false (nothing kept) when the body would pass <see cref="MaxBodyBytes"/>.</summary>
    public bool AddBody(ReadOnlySpan<byte> bytes)
    {
        if (body.Length + bytes.Length > MaxBodyBytes)
        {
            return false;
        }

        body.Write(bytes);
        return true;
    }

    /// <summary>Replaces the response with <paramref name="result"/>, <paramref name="decoded"/> headers and <paramref name="bytes"/>.</summary>
    public void Fill(TransportResult result, IEnumerable<KeyValuePair<string, string>> decoded, ReadOnlySpan<byte> bytes)
    {
        Clear();
        Result = result;
        foreach (var (name, value) in decoded)
        {
            headers.WriteUtf8(name);
            headers.Write(": "u8);
            headers.WriteUtf8(value);
            headers.Write("\r\n"u8);
        }

        body.Write(bytes[..Math.Min(bytes.Length, MaxBodyBytes)]);
    }

    /// <summary>The first value of header <paramref name="name"/> (compared ignoring ASCII case), if present.</summary>
    public bool TryGetHeader(string name, out ReadOnlySpan<byte> value)
    {
        foreach (var header in Headers)
        {
            if (Ascii.EqualsIgnoreCase(header.Name, name))
            {
                value = header.Value;
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>The header lines in arrival order, as name and value spans over <see cref="HeaderBlock"/>.</summary>
    public HeaderEnumerator Headers => new(HeaderBlock);

    /// <summary>Walks a raw header block line by line, without allocating.</summary>
    public ref struct HeaderEnumerator(ReadOnlySpan<byte> block)
    {
        private ReadOnlySpan<byte> rest = block;

        public HeaderLine Current { get; private set; }

        public readonly HeaderEnumerator GetEnumerator() => this;

        public bool MoveNext()
        {
            while (!rest.IsEmpty)
            {
                var end = rest.IndexOf("\r\n"u8);
                var line = end < 0 ? rest : rest[..end];
                rest = end < 0 ? default : rest[(end + 2)..];
                var colon = line.IndexOf((byte)':');
                if (colon > 0)
                {
                    Current = new HeaderLine(line[..colon], line[(colon + 1)..].Trim(" \t"u8));
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>One header line's name and value (trimmed), as spans over the raw block.</summary>
    public readonly ref struct HeaderLine(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value)
    {
        public ReadOnlySpan<byte> Name { get; } = name;

        public ReadOnlySpan<byte> Value { get; } = value;

        public void Deconstruct(out ReadOnlySpan<byte> name, out ReadOnlySpan<byte> value)
        {
            name = Name;
            value = Value;
        }
    }
}
