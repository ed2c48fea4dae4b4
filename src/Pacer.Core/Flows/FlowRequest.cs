using System.Text;
using Pacer.Core.Plans.Scenarios;
using Pacer.Core.Transport;

namespace Pacer.Core.Flows;

/// <summary>
/// One virtual user's request, re-rendered for every step into buffers it keeps: the URL, the header lines (user headers and
/// cookies) and the body as UTF-8. <see cref="Encode"/> hands them to the transport as an <see cref="ExchangeRequest"/> (the
/// user's own, framed anew for each step), so rendering is the runtime's job and framing the transport's.
/// </summary>
internal sealed class FlowRequest
{
    private readonly ExchangeRequest exchange = new();
    private UrlParts parts;

    /// <summary>The step's reporting name.</summary>
    public string Name { get; private set; } = string.Empty;

    /// <summary>HTTP method, upper case.</summary>
    public string Method { get; private set; } = "GET";

    public TimeSpan Timeout { get; private set; }

    /// <summary>The absolute URL as rendered.</summary>
    public WireBuffer Url { get; } = new(256);

    /// <summary>Rendered header lines, <c>Name: value</c> each ending in CRLF; no Host and no framing headers.</summary>
    public WireBuffer Headers { get; } = new(512);

    /// <summary>The rendered body (empty when <see cref="HasBody"/> is false).</summary>
    public WireBuffer Body { get; } = new(256);

    /// <summary>The step has a body (it may render empty).</summary>
    public bool HasBody { get; set; }

    /// <summary>The step sets its own Host header.</summary>
    public bool HasHostHeader { get; set; }

    /// <summary>The URL's scheme is https (after <see cref="TryParseUrl"/>).</summary>
    public bool IsHttps => parts.IsHttps;

    /// <summary>The host alone (brackets of an IPv6 literal removed), after <see cref="TryParseUrl"/>.</summary>
    public ReadOnlySpan<byte> Host => parts.Host(Url.WrittenSpan);

    /// <summary>The port, explicit or the scheme's default, after <see cref="TryParseUrl"/>.</summary>
    public int Port => parts.Port;

    /// <summary>The URL as text (for messages; allocates).</summary>
    public string UrlText => Encoding.UTF8.GetString(Url.WrittenSpan);

    /// <summary>"step: METHOD url", for error messages; allocates, so only for the first failure of a kind.</summary>
    public string Describe() => $"{Name}: {Method} {UrlText}";

    /// <summary>Starts rendering a step: every buffer is cleared.</summary>
    public void Begin(string name, string method, TimeSpan timeout)
    {
        Name = name;
        Method = method;
        Timeout = timeout;
        Url.Clear();
        Headers.Clear();
        Body.Clear();
        HasBody = false;
        HasHostHeader = false;
        parts = default;
    }

    /// <summary>
    /// Takes the rendered URL apart (scheme, host, port, path: see <see cref="UrlParts.TryParse"/>); on failure
    /// <paramref name="problem"/> says what is wrong. The host is known from here on (cookies are chosen by it).
    /// </summary>
    public bool TryParseUrl(out string problem) => UrlParts.TryParse(Url.WrittenSpan, out parts, out problem);

    /// <summary>The rendered step as the request the transport sends (after <see cref="TryParseUrl"/>): framed once, here.</summary>
    public ExchangeRequest Encode()
    {
        exchange.Set(Name, Method, Timeout, Url.WrittenSpan, parts, Headers.WrittenSpan, HasHostHeader, Body.WrittenSpan, HasBody, namedInMessages: true);
        return exchange;
    }

    /// <summary>The header lines decoded (for tests; allocates).</summary>
    public List<KeyValuePair<string, string>> HeaderPairs()
    {
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var (name, value) in new ExchangeResponse.HeaderEnumerator(Headers.WrittenSpan))
        {
            pairs.Add(new(Encoding.UTF8.GetString(name), Encoding.UTF8.GetString(value)));
        }

        return pairs;
    }
}
