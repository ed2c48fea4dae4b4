using System.Buffers.Text;
using System.Text;
using Pacer.Core.Plans.Scenarios;

namespace Pacer.Core.Transport;

/// <summary>
/// One virtual user's request, re-rendered for every step into buffers it keeps: the URL, the header lines (user headers and
/// cookies) and the body as UTF-8. The lean transport frames them into <see cref="Wire"/>; HttpClient decodes them.
/// </summary>
internal sealed class FlowRequest
{
    private int authorityStart;
    private int authorityLength;
    private int hostStart;
    private int hostLength;
    private int pathStart;
    private int pathLength;

    /// <summary>The step's reporting name.</summary>
    public string Name { get; private set; } = string.Empty;

    /// <summary>HTTP method, upper case.</summary>
    public string Method { get; private set; } = "GET";

    public TimeSpan Timeout { get; private set; }

    /// <summary>HEAD responses carry no body whatever their headers say.</summary>
    public bool IsHead { get; private set; }

    /// <summary>The absolute URL as rendered.</summary>
    public ReusableBuffer Url { get; } = new(256);

    /// <summary>Rendered header lines, <c>Name: value</c> each ending in CRLF; no Host and no framing headers.</summary>
    public ReusableBuffer Headers { get; } = new(512);

    /// <summary>The rendered body (empty when <see cref="HasBody"/> is false).</summary>
    public ReusableBuffer Body { get; } = new(256);

    /// <summary>The step has a body (it may render empty).</summary>
    public bool HasBody { get; set; }

    /// <summary>The step sets its own Host header.</summary>
    public bool HasHostHeader { get; set; }

    /// <summary>The request as HTTP/1.1 bytes, after <see cref="EncodeHttp1"/>.</summary>
    public ReusableBuffer Wire { get; } = new(1024);

    /// <summary>The URL's scheme is https.</summary>
    public bool IsHttps { get; private set; }

    /// <summary><c>host[:port]</c> as rendered.</summary>
    public ReadOnlySpan<byte> Authority => Url.WrittenSpan.Slice(authorityStart, authorityLength);

    /// <summary>The host alone (brackets of an IPv6 literal removed).</summary>
    public ReadOnlySpan<byte> Host => Url.WrittenSpan.Slice(hostStart, hostLength);

    /// <summary>The port, explicit or the scheme's default.</summary>
    public int Port { get; private set; }

    /// <summary>The URL as text (for HttpClient and messages; allocates).</summary>
    public string UrlText => Encoding.UTF8.GetString(Url.WrittenSpan);

    /// <summary>"step: METHOD url", for error messages; allocates, so only for the first failure of a kind.</summary>
    public string Describe() => $"{Name}: {Method} {UrlText}";

    /// <summary>Starts rendering a step: every buffer is cleared.</summary>
    public void Begin(string name, string method, TimeSpan timeout)
    {
        Name = name;
        Method = method;
        Timeout = timeout;
        IsHead = method == "HEAD";
        Url.Clear();
        Headers.Clear();
        Body.Clear();
        Wire.Clear();
        HasBody = false;
        HasHostHeader = false;
    }

    /// <summary>
    /// Reads scheme, authority, port and path from the rendered URL; on failure <paramref name="problem"/> says what is wrong.
    /// Only what sending needs is checked: <c>http</c> or <c>https</c>, a host without spaces, a port in range. Spaces and
    /// other bytes a request line cannot carry in the path are percent-encoded when it is written, as <see cref="Uri"/> does.
    /// </summary>
    public bool TryParseUrl(out string problem)
    {
        problem = string.Empty;
        var url = Url.WrittenSpan;
        int schemeEnd;
        if (url.Length > 7 && Ascii.EqualsIgnoreCase(url[..7], "http://"u8))
        {
            IsHttps = false;
            schemeEnd = 7;
        }
        else if (url.Length > 8 && Ascii.EqualsIgnoreCase(url[..8], "https://"u8))
        {
            IsHttps = true;
            schemeEnd = 8;
        }
        else
        {
            problem = $"the rendered URL '{UrlText}' does not start with http:// or https://";
            return false;
        }

        var rest = url[schemeEnd..];
        var authorityEnd = rest.IndexOfAny("/?#"u8);
        if (authorityEnd < 0)
        {
            authorityEnd = rest.Length;
        }

        if (rest[..authorityEnd].IndexOfAnyInRange((byte)0, (byte)' ') >= 0)
        {
            problem = $"the rendered URL '{UrlText}' has a space or a control character in its host";
            return false;
        }

        authorityStart = schemeEnd;
        authorityLength = authorityEnd;
        var authority = rest[..authorityEnd];
        var at = authority.LastIndexOf((byte)'@');
        if (at >= 0)
        {
            problem = $"the rendered URL '{UrlText}' carries user information; send credentials in a header instead";
            return false;
        }

        var portSeparator = authority.LastIndexOf((byte)':');
        var closeBracket = authority.LastIndexOf((byte)']');
        if (portSeparator < closeBracket)
        {
            portSeparator = -1;
        }

        var host = portSeparator < 0 ? authority : authority[..portSeparator];
        hostStart = schemeEnd;
        if (host.Length >= 2 && host[0] == (byte)'[' && host[^1] == (byte)']')
        {
            hostStart++;
            host = host[1..^1];
        }

        hostLength = host.Length;
        if (host.IsEmpty)
        {
            problem = $"the rendered URL '{UrlText}' has no host";
            return false;
        }

        Port = IsHttps ? 443 : 80;
        if (portSeparator >= 0 && portSeparator < authority.Length - 1)
        {
            var digits = authority[(portSeparator + 1)..];
            if (!Utf8Parser.TryParse(digits, out int port, out var used) || used != digits.Length || port is < 1 or > 65535)
            {
                problem = $"the rendered URL '{UrlText}' has no valid port";
                return false;
            }

            Port = port;
        }

        var path = rest[authorityEnd..];
        var fragment = path.IndexOf((byte)'#');
        if (fragment >= 0)
        {
            path = path[..fragment];
        }

        pathStart = schemeEnd + authorityEnd;
        pathLength = path.Length;
        return true;
    }

    /// <summary>Frames the rendered parts as an HTTP/1.1 request in <see cref="Wire"/> (after <see cref="TryParseUrl"/>).</summary>
    public void EncodeHttp1()
    {
        var wire = Wire;
        wire.Clear();
        wire.WriteUtf8(Method);
        wire.Write((byte)' ');
        var path = Url.WrittenSpan.Slice(pathStart, pathLength);
        if (path.IsEmpty || path[0] != (byte)'/')
        {
            // "http://h" and "http://h?q" ask for "/" and "/?q": the request line needs the slash the URL left out.
            wire.Write((byte)'/');
        }

        WritePath(wire, path);

        wire.Write(" HTTP/1.1\r\n"u8);
        if (!HasHostHeader)
        {
            wire.Write("Host: "u8);
            wire.Write(Authority);
            wire.Write("\r\n"u8);
        }

        wire.Write(Headers.WrittenSpan);
        if (HasBody || Method is "POST" or "PUT" or "PATCH")
        {
            wire.Write("Content-Length: "u8);
            wire.WriteNumber(Body.Length);
            wire.Write("\r\n"u8);
        }

        wire.Write("\r\n"u8);
        wire.Write(Body.WrittenSpan);
    }

    /// <summary>The header lines decoded (for HttpClient and tests; allocates).</summary>
    public List<KeyValuePair<string, string>> HeaderPairs()
    {
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var (name, value) in new FlowResponse.HeaderEnumerator(Headers.WrittenSpan))
        {
            pairs.Add(new(Encoding.UTF8.GetString(name), Encoding.UTF8.GetString(value)));
        }

        return pairs;
    }

    /// <summary>Copies a path, percent-encoding the bytes a request line cannot carry as they are (as <see cref="Uri"/> would).</summary>
    private static void WritePath(ReusableBuffer wire, ReadOnlySpan<byte> path)
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
