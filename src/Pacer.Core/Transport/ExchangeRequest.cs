using System.Text;
using Pacer.Core.Transport.Http1;

namespace Pacer.Core.Transport;

/// <summary>
/// One request as every transport takes it: its target taken apart (<see cref="UrlParts"/>) and its head and body framed as
/// HTTP/1.1 by <see cref="Http1RequestWriter"/>, the bytes the lean transports write and what HttpClient counts as sent. A
/// request mix's requests are made once at load and <see cref="Freeze">frozen</see>, then shared by every sender without being
/// framed again; a scenario's virtual user keeps one and sets it anew for every step.
/// </summary>
internal sealed class ExchangeRequest
{
    private readonly WireBuffer url = new(256);
    private readonly WireBuffer wire = new(1024);
    private UrlParts parts;
    private Http1RequestLayout layout;

    /// <summary>The reporting name (the step's, or the mix request's).</summary>
    public string Name { get; private set; } = string.Empty;

    /// <summary>HTTP method, upper case.</summary>
    public string Method { get; private set; } = "GET";

    /// <summary>No complete response within this is a timeout.</summary>
    public TimeSpan Timeout { get; private set; }

    /// <summary>HEAD responses carry no body whatever their headers say.</summary>
    public bool IsHead { get; private set; }

    /// <summary>The request has a body (it may be empty).</summary>
    public bool HasBody { get; private set; }

    /// <summary>Framed once and shared: <see cref="Set"/> refuses it.</summary>
    public bool IsFrozen { get; private set; }

    /// <summary>Error messages name the request (a scenario step: <c>name: METHOD url</c>), not only <c>METHOD url</c>.</summary>
    public bool NamedInMessages { get; private set; }

    /// <summary>The absolute URL.</summary>
    public ReadOnlySpan<byte> Url => url.WrittenSpan;

    /// <summary>The URL as text (for HttpClient and messages; allocates).</summary>
    public string UrlText => Encoding.UTF8.GetString(url.WrittenSpan);

    /// <summary>The URL's scheme is https.</summary>
    public bool IsHttps => parts.IsHttps;

    /// <summary><c>host[:port]</c> as the URL has it.</summary>
    public ReadOnlySpan<byte> Authority => parts.Authority(url.WrittenSpan);

    /// <summary>The host alone (brackets of an IPv6 literal removed).</summary>
    public ReadOnlySpan<byte> Host => parts.Host(url.WrittenSpan);

    /// <summary>The port, explicit or the scheme's default.</summary>
    public int Port => parts.Port;

    /// <summary>The request's own header lines (<c>Name: value</c>, each ending in CRLF), inside <see cref="Wire"/>.</summary>
    public ReadOnlySpan<byte> HeaderLines => wire.WrittenSpan[layout.HeadersStart..layout.HeadersEnd];

    /// <summary>The body, inside <see cref="Wire"/>.</summary>
    public ReadOnlySpan<byte> Body => wire.WrittenSpan[layout.BodyStart..];

    /// <summary>The whole request as HTTP/1.1 puts it on the wire.</summary>
    public ReadOnlySpan<byte> Wire => wire.WrittenSpan;

    /// <summary>The array behind <see cref="Wire"/> (valid up to <see cref="WireLength"/>), for writes that pin it.</summary>
    public byte[] WireArray => wire.Array;

    /// <summary>Bytes of <see cref="Wire"/>.</summary>
    public int WireLength => wire.Length;

    /// <summary>"METHOD url" (a step's name first), for error messages; allocates, so only for the first failure of a kind.</summary>
    public string Describe() => NamedInMessages ? $"{Name}: {Method} {UrlText}" : $"{Method} {UrlText}";

    /// <summary>
    /// Makes this the request to send: copies the URL (taken apart as <paramref name="urlParts"/>) and frames the request.
    /// <paramref name="headerLines"/> carry no Host (unless <paramref name="hasHostHeader"/>) and no framing headers.
    /// </summary>
    public void Set(
        string name,
        string method,
        TimeSpan timeout,
        ReadOnlySpan<byte> absoluteUrl,
        in UrlParts urlParts,
        ReadOnlySpan<byte> headerLines,
        bool hasHostHeader,
        ReadOnlySpan<byte> body,
        bool hasBody,
        bool namedInMessages)
    {
        if (IsFrozen)
        {
            throw new InvalidOperationException($"request '{Name}' is frozen: it is shared by every sender and cannot change");
        }

        Name = name;
        Method = method;
        Timeout = timeout;
        IsHead = method == "HEAD";
        HasBody = hasBody;
        NamedInMessages = namedInMessages;
        url.Clear();
        url.Write(absoluteUrl);
        parts = urlParts;
        layout = Http1RequestWriter.Write(wire, method, urlParts.Path(absoluteUrl), urlParts.Authority(absoluteUrl), hasHostHeader, headerLines, body, hasBody);
    }

    /// <summary>From now on the request is only read, by any number of threads at once.</summary>
    public ExchangeRequest Freeze()
    {
        IsFrozen = true;
        return this;
    }

    /// <summary>The header lines decoded (for HttpClient and tests; allocates).</summary>
    public List<KeyValuePair<string, string>> HeaderPairs()
    {
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var (name, value) in new ExchangeResponse.HeaderEnumerator(HeaderLines))
        {
            pairs.Add(new(Encoding.UTF8.GetString(name), Encoding.UTF8.GetString(value)));
        }

        return pairs;
    }
}
