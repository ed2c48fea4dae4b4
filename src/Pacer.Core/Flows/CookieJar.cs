using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Pacer.Core.Plans.Scenarios;
using Pacer.Core.Transport;

namespace Pacer.Core.Flows;

/// <summary>
/// One virtual user's cookies, as a browser session would keep them: set by responses, sent back on later requests to the
/// same host. Deliberately small (name=value per host, <c>Max-Age=0</c>/past <c>Expires</c> delete, no path or domain
/// matching beyond the host): load tests talk to one service, and a full RFC 6265 jar per user costs more than it tells.
/// Read from and written to raw bytes: a response that sets a cookie to the value it already has allocates nothing, and
/// only a cookie that changes costs a string.
/// </summary>
internal sealed class CookieJar
{
    private const int StackChars = 256;

    private readonly Dictionary<string, Dictionary<string, string>> byHost = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Stores the cookies that <paramref name="response"/> sets for <paramref name="host"/>.</summary>
    public void Store(ReadOnlySpan<byte> host, ExchangeResponse response)
    {
        foreach (var (name, value) in response.Headers)
        {
            if (Ascii.EqualsIgnoreCase(name, "set-cookie"u8) && TryParseSetCookie(value, out var cookie, out var cookieValue, out var expired))
            {
                Apply(host, cookie, cookieValue, expired);
            }
        }
    }

    /// <summary>Writes the <c>Cookie</c> header line for <paramref name="host"/>, if it has cookies.</summary>
    public void WriteHeader(ReadOnlySpan<byte> host, WireBuffer output)
    {
        if (byHost.Count == 0)
        {
            return;
        }

        Span<char> stack = stackalloc char[StackChars];
        var hostChars = Decode(host, stack);
        if (!byHost.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(hostChars, out var cookies) || cookies.Count == 0)
        {
            return;
        }

        output.Write("Cookie: "u8);
        var first = true;
        foreach (var (name, value) in cookies)
        {
            if (!first)
            {
                output.Write("; "u8);
            }

            first = false;
            output.WriteUtf8(name);
            output.Write((byte)'=');
            output.WriteUtf8(value);
        }

        output.Write("\r\n"u8);
    }

    /// <summary>Forgets every cookie.</summary>
    public void Clear() => byHost.Clear();

    /// <summary>Reads <c>name=value</c> and whether the attributes delete it (<c>Max-Age=0</c> or an <c>Expires</c> in the past).</summary>
    public static bool TryParseSetCookie(ReadOnlySpan<byte> header, out ReadOnlySpan<byte> name, out ReadOnlySpan<byte> value, out bool expired)
    {
        expired = false;
        if (!SetCookieHeader.TryParse(header, out name, out value, out var attributes))
        {
            return false;
        }

        Span<char> chars = stackalloc char[StackChars];
        while (!attributes.IsEmpty)
        {
            var end = attributes.IndexOf((byte)';');
            var attribute = (end < 0 ? attributes : attributes[..end]).Trim((byte)' ');
            attributes = end < 0 ? default : attributes[(end + 1)..];
            var split = attribute.IndexOf((byte)'=');
            if (split < 0)
            {
                continue;
            }

            var key = attribute[..split].Trim((byte)' ');
            var setting = attribute[(split + 1)..].Trim((byte)' ');
            if (Ascii.EqualsIgnoreCase(key, "Max-Age"u8) && Utf8Parser.TryParse(setting, out int age, out var used) && used == setting.Length && age <= 0)
            {
                expired = true;
            }
            else if (Ascii.EqualsIgnoreCase(key, "Expires"u8))
            {
                if (DateTimeOffset.TryParse(Decode(setting, chars), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var expires)
                    && expires < DateTimeOffset.UtcNow)
                {
                    expired = true;
                }
            }
        }

        return true;
    }

    private void Apply(ReadOnlySpan<byte> host, ReadOnlySpan<byte> name, ReadOnlySpan<byte> value, bool expired)
    {
        Span<char> hostStack = stackalloc char[StackChars];
        Span<char> nameStack = stackalloc char[StackChars];
        Span<char> valueStack = stackalloc char[StackChars];
        var hostChars = Decode(host, hostStack);
        var nameChars = Decode(name, nameStack);
        var hosts = byHost.GetAlternateLookup<ReadOnlySpan<char>>();
        if (!hosts.TryGetValue(hostChars, out var cookies))
        {
            if (expired)
            {
                return;
            }

            cookies = new Dictionary<string, string>(StringComparer.Ordinal);
            hosts[hostChars] = cookies;
        }

        var names = cookies.GetAlternateLookup<ReadOnlySpan<char>>();
        if (expired)
        {
            names.Remove(nameChars);
            return;
        }

        var valueChars = Decode(value, valueStack);
        if (!names.TryGetValue(nameChars, out var current) || !current.AsSpan().SequenceEqual(valueChars))
        {
            names[nameChars] = valueChars.ToString();
        }
    }

    /// <summary>Decodes UTF-8 into <paramref name="stack"/> when it fits, else into a new array (a rare, long cookie).</summary>
    private static ReadOnlySpan<char> Decode(ReadOnlySpan<byte> utf8, Span<char> stack)
    {
        var target = utf8.Length <= stack.Length ? stack : new char[utf8.Length];
        return target[..Encoding.UTF8.GetChars(utf8, target)];
    }
}
