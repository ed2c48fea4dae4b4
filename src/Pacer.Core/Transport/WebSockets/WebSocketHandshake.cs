using System.Security.Cryptography;
using System.Text;

namespace Pacer.Core.Transport.WebSockets;

/// <summary>
/// The opening handshake of RFC 6455 §4 from the client's side: the upgrade request's bytes, and the checks on the server's
/// answer (status 101, <c>Upgrade: websocket</c>, <c>Connection: Upgrade</c>, the <c>Sec-WebSocket-Accept</c> that answers our
/// key, a subprotocol among those offered, no extension we did not offer). Pure functions, so every refusal is tested
/// without a socket.
/// </summary>
internal static class WebSocketHandshake
{
    /// <summary>The GUID RFC 6455 §1.3 appends to the key before hashing it into the accept value.</summary>
    private const string AcceptGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    /// <summary>The headers the handshake itself writes: a plan may not set them (the answer would no longer match the request).</summary>
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "Upgrade", "Connection", "Sec-WebSocket-Key", "Sec-WebSocket-Version", "Sec-WebSocket-Protocol", "Sec-WebSocket-Extensions",
        "Sec-WebSocket-Accept", "Content-Length", "Transfer-Encoding",
    };

    /// <summary>A fresh <c>Sec-WebSocket-Key</c>: 16 random bytes, base64.</summary>
    public static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));

    /// <summary>The <c>Sec-WebSocket-Accept</c> a server must answer <paramref name="key"/> with: base64(SHA-1(key + GUID)).</summary>
    public static string AcceptFor(string key) => Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + AcceptGuid)));

    /// <summary>
    /// The upgrade request for <paramref name="address"/> (ws:// or wss://), or why it cannot be sent: a header name that is
    /// not a token, a value with a control character, a header the handshake writes itself, a subprotocol that is not a token.
    /// A plan's <c>Host</c> header replaces the one taken from the address.
    /// </summary>
    public static bool TryWriteRequest(Uri address, string key, IReadOnlyList<KeyValuePair<string, string>> headers, IReadOnlyList<string> subprotocols, out byte[] request, out string problem)
    {
        request = [];
        var text = new StringBuilder(256);
        text.Append("GET ").Append(address.PathAndQuery).Append(" HTTP/1.1\r\n");
        var host = address.IsDefaultPort ? address.IdnHost : $"{address.IdnHost}:{address.Port}";
        if (address.HostNameType == UriHostNameType.IPv6)
        {
            host = address.IsDefaultPort ? $"[{address.IdnHost}]" : $"[{address.IdnHost}]:{address.Port}";
        }

        foreach (var (name, value) in headers)
        {
            if (!IsToken(name))
            {
                problem = $"the header name '{name}' is not an HTTP token (letters, digits and !#$%&'*+-.^_`|~ only)";
                return false;
            }

            if (Reserved.Contains(name))
            {
                problem = $"the header '{name}' is written by the WebSocket handshake itself and cannot be set";
                return false;
            }

            if (value.Any(c => (c < ' ' && c != '\t') || c == '\u007f'))
            {
                problem = $"the value of header '{name}' has a control character";
                return false;
            }

            if (string.Equals(name, "Host", StringComparison.OrdinalIgnoreCase))
            {
                host = value;
            }
        }

        foreach (var subprotocol in subprotocols)
        {
            if (!IsToken(subprotocol))
            {
                problem = $"the subprotocol '{subprotocol}' is not a token (letters, digits and !#$%&'*+-.^_`|~ only)";
                return false;
            }
        }

        text.Append("Host: ").Append(host).Append("\r\n");
        foreach (var (name, value) in headers)
        {
            if (!string.Equals(name, "Host", StringComparison.OrdinalIgnoreCase))
            {
                text.Append(name).Append(": ").Append(value).Append("\r\n");
            }
        }

        text.Append("Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ").Append(key).Append("\r\nSec-WebSocket-Version: 13\r\n");
        if (subprotocols.Count > 0)
        {
            text.Append("Sec-WebSocket-Protocol: ").AppendJoin(", ", subprotocols).Append("\r\n");
        }

        text.Append("\r\n");
        request = Encoding.UTF8.GetBytes(text.ToString());
        problem = string.Empty;
        return true;
    }

    /// <summary>The length of the answer's head (through its blank line) in <paramref name="received"/>, or -1 while it is incomplete.</summary>
    public static int HeadLength(ReadOnlySpan<byte> received)
    {
        var end = received.IndexOf("\r\n\r\n"u8);
        return end < 0 ? -1 : end + 4;
    }

    /// <summary>
    /// Checks the server's answer (<paramref name="head"/>: status line and headers, through the blank line). Its status is
    /// returned whenever the status line can be read (0 otherwise); any status but 101 is a refusal, whatever else is wrong.
    /// </summary>
    public static WebSocketHandshakeAnswer ReadAnswer(ReadOnlySpan<byte> head, string key, IReadOnlyList<string> subprotocols)
    {
        var text = Encoding.Latin1.GetString(head);
        var lines = text.Split("\r\n");
        var status = lines[0].Split(' ', 3);
        if (status.Length < 2 || !status[0].StartsWith("HTTP/1.", StringComparison.Ordinal) || status[1].Length != 3 || !int.TryParse(status[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var code))
        {
            return new(0, null, $"the answer to the upgrade is not HTTP/1.1: '{Printable(lines[0])}'");
        }

        if (code != 101)
        {
            return new(code, null, $"the server answered the upgrade with HTTP {code}");
        }

        string? upgrade = null, connection = null, accept = null, protocol = null, extensions = null;
        for (var i = 1; i < lines.Length && lines[i].Length > 0; i++)
        {
            var colon = lines[i].IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                return new(code, null, $"the answer has a malformed header line: '{Printable(lines[i])}'");
            }

            var name = lines[i][..colon].Trim();
            var value = lines[i][(colon + 1)..].Trim();
            if (name.Equals("Upgrade", StringComparison.OrdinalIgnoreCase))
            {
                upgrade = value;
            }
            else if (name.Equals("Connection", StringComparison.OrdinalIgnoreCase))
            {
                connection = connection is null ? value : $"{connection}, {value}";
            }
            else if (name.Equals("Sec-WebSocket-Accept", StringComparison.OrdinalIgnoreCase))
            {
                accept = value;
            }
            else if (name.Equals("Sec-WebSocket-Protocol", StringComparison.OrdinalIgnoreCase))
            {
                protocol = value;
            }
            else if (name.Equals("Sec-WebSocket-Extensions", StringComparison.OrdinalIgnoreCase))
            {
                extensions = value;
            }
        }

        if (!string.Equals(upgrade, "websocket", StringComparison.OrdinalIgnoreCase))
        {
            return new(code, null, $"the 101 answer has no 'Upgrade: websocket' (it has '{upgrade}')");
        }

        if (connection is null || !connection.Split(',').Any(t => t.Trim().Equals("upgrade", StringComparison.OrdinalIgnoreCase)))
        {
            return new(code, null, $"the 101 answer has no 'Connection: Upgrade' (it has '{connection}')");
        }

        if (accept != AcceptFor(key))
        {
            return new(code, null, accept is null
                ? "the 101 answer has no Sec-WebSocket-Accept"
                : $"the 101 answer's Sec-WebSocket-Accept '{Printable(accept)}' does not answer the key sent (expected {AcceptFor(key)})");
        }

        if (protocol is not null && !subprotocols.Contains(protocol, StringComparer.Ordinal))
        {
            return new(code, null, $"the server chose the subprotocol '{Printable(protocol)}', which was not offered");
        }

        if (!string.IsNullOrEmpty(extensions))
        {
            return new(code, null, $"the server answered with extensions that were not offered: '{Printable(extensions)}'");
        }

        return new(code, protocol, string.Empty);
    }

    /// <summary>RFC 7230's token: one or more visible ASCII characters other than delimiters.</summary>
    private static bool IsToken(string value) =>
        value.Length > 0 && value.All(c => c is > ' ' and < '\u007f' && !"\"(),/:;<=>?@[\\]{}".Contains(c, StringComparison.Ordinal));

    private static string Printable(string value) => value.Length > 120 ? value[..120] + "…" : value;
}
