namespace Pacer.Core.Flows;

/// <summary>
/// One virtual user's cookies, as a browser session would keep them: set by responses, sent back on later requests to the
/// same host. Deliberately small (name=value per host, <c>Max-Age=0</c>/past <c>Expires</c> delete, no path or domain
/// matching beyond the host): load tests talk to one service, and a full RFC 6265 jar per user costs more than it tells.
/// </summary>
internal sealed class CookieJar
{
    private readonly Dictionary<string, Dictionary<string, string>> byHost = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Stores the cookies that <paramref name="response"/> sets for <paramref name="host"/>.</summary>
    public void Store(string host, FlowResponse response)
    {
        foreach (var (name, value) in response.Headers)
        {
            if (!string.Equals(name, "Set-Cookie", StringComparison.OrdinalIgnoreCase) || !TryParseSetCookie(value, out var cookie, out var cookieValue, out var expired))
            {
                continue;
            }

            if (!byHost.TryGetValue(host, out var cookies))
            {
                cookies = new Dictionary<string, string>(StringComparer.Ordinal);
                byHost[host] = cookies;
            }

            if (expired)
            {
                cookies.Remove(cookie);
            }
            else
            {
                cookies[cookie] = cookieValue;
            }
        }
    }

    /// <summary>The <c>Cookie</c> header value for <paramref name="host"/>, or null when there are none.</summary>
    public string? HeaderFor(string host) =>
        byHost.TryGetValue(host, out var cookies) && cookies.Count > 0
            ? string.Join("; ", cookies.Select(c => $"{c.Key}={c.Value}"))
            : null;

    /// <summary>Forgets every cookie.</summary>
    public void Clear() => byHost.Clear();

    /// <summary>Reads <c>name=value</c> and whether the attributes delete it (<c>Max-Age=0</c> or an <c>Expires</c> in the past).</summary>
    public static bool TryParseSetCookie(string header, out string name, out string value, out bool expired)
    {
        name = value = string.Empty;
        expired = false;
        var parts = header.Split(';');
        var eq = parts[0].IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0)
        {
            return false;
        }

        name = parts[0][..eq].Trim();
        value = parts[0][(eq + 1)..].Trim().Trim('"');
        foreach (var attribute in parts.Skip(1))
        {
            var pair = attribute.Split('=', 2, StringSplitOptions.TrimEntries);
            if (pair[0].Equals("Max-Age", StringComparison.OrdinalIgnoreCase) && pair.Length == 2 && int.TryParse(pair[1], out var age) && age <= 0)
            {
                expired = true;
            }
            else if (pair[0].Equals("Expires", StringComparison.OrdinalIgnoreCase) && pair.Length == 2
                && DateTimeOffset.TryParse(pair[1], System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var expires)
                && expires < DateTimeOffset.UtcNow)
            {
                expired = true;
            }
        }

        return name.Length > 0;
    }
}
