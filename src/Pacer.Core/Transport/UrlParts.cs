using System.Buffers.Text;
using System.Text;

namespace Pacer.Core.Transport;

/// <summary>
/// Where the parts of an absolute http:// or https:// URL are, as offsets into its UTF-8 bytes: read without a
/// <see cref="Uri"/> or a string, so a URL rendered for every request costs nothing to take apart.
/// </summary>
/// <param name="IsHttps">The scheme is https.</param>
/// <param name="AuthorityStart">Offset of <c>host[:port]</c>.</param>
/// <param name="AuthorityLength">Length of <c>host[:port]</c>.</param>
/// <param name="HostStart">Offset of the host (inside the brackets of an IPv6 literal).</param>
/// <param name="HostLength">Length of the host.</param>
/// <param name="Port">The port, explicit or the scheme's default.</param>
/// <param name="PathStart">Offset of the path and query (the fragment left out).</param>
/// <param name="PathLength">Length of the path and query.</param>
internal readonly record struct UrlParts(
    bool IsHttps, int AuthorityStart, int AuthorityLength, int HostStart, int HostLength, int Port, int PathStart, int PathLength)
{
    /// <summary>
    /// Reads scheme, authority, port and path from <paramref name="url"/>; on failure <paramref name="problem"/> says what is
    /// wrong. Only what sending needs is checked: <c>http</c> or <c>https</c>, a host without spaces, a port in range. Spaces and
    /// other bytes a request line cannot carry in the path are percent-encoded when it is written, as <see cref="Uri"/> does.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> url, out UrlParts parts, out string problem)
    {
        parts = default;
        problem = string.Empty;
        bool https;
        int schemeEnd;
        if (url.Length > 7 && Ascii.EqualsIgnoreCase(url[..7], "http://"u8))
        {
            https = false;
            schemeEnd = 7;
        }
        else if (url.Length > 8 && Ascii.EqualsIgnoreCase(url[..8], "https://"u8))
        {
            https = true;
            schemeEnd = 8;
        }
        else
        {
            problem = $"the rendered URL '{Text(url)}' does not start with http:// or https://";
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
            problem = $"the rendered URL '{Text(url)}' has a space or a control character in its host";
            return false;
        }

        var authority = rest[..authorityEnd];
        if (authority.LastIndexOf((byte)'@') >= 0)
        {
            problem = $"the rendered URL '{Text(url)}' carries user information; send credentials in a header instead";
            return false;
        }

        var portSeparator = authority.LastIndexOf((byte)':');
        if (portSeparator < authority.LastIndexOf((byte)']'))
        {
            portSeparator = -1;
        }

        var host = portSeparator < 0 ? authority : authority[..portSeparator];
        var hostStart = schemeEnd;
        if (host.Length >= 2 && host[0] == (byte)'[' && host[^1] == (byte)']')
        {
            hostStart++;
            host = host[1..^1];
        }

        if (host.IsEmpty)
        {
            problem = $"the rendered URL '{Text(url)}' has no host";
            return false;
        }

        var port = https ? 443 : 80;
        if (portSeparator >= 0 && portSeparator < authority.Length - 1)
        {
            var digits = authority[(portSeparator + 1)..];
            if (!Utf8Parser.TryParse(digits, out int explicitPort, out var used) || used != digits.Length || explicitPort is < 1 or > 65535)
            {
                problem = $"the rendered URL '{Text(url)}' has no valid port";
                return false;
            }

            port = explicitPort;
        }

        var path = rest[authorityEnd..];
        var fragment = path.IndexOf((byte)'#');
        if (fragment >= 0)
        {
            path = path[..fragment];
        }

        parts = new UrlParts(https, schemeEnd, authorityEnd, hostStart, host.Length, port, schemeEnd + authorityEnd, path.Length);
        return true;
    }

    /// <summary><c>host[:port]</c> of <paramref name="url"/>.</summary>
    public ReadOnlySpan<byte> Authority(ReadOnlySpan<byte> url) => url.Slice(AuthorityStart, AuthorityLength);

    /// <summary>The host of <paramref name="url"/>, brackets of an IPv6 literal removed.</summary>
    public ReadOnlySpan<byte> Host(ReadOnlySpan<byte> url) => url.Slice(HostStart, HostLength);

    /// <summary>The path and query of <paramref name="url"/> (may be empty, or start with '?').</summary>
    public ReadOnlySpan<byte> Path(ReadOnlySpan<byte> url) => url.Slice(PathStart, PathLength);

    private static string Text(ReadOnlySpan<byte> url) => Encoding.UTF8.GetString(url);
}
