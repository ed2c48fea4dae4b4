using System.Net.Http.Headers;
using System.Text;
using Pacer.Core.Plans;

namespace Pacer.Core.Transport;

/// <summary>What can be built once per request of the plan: method, URI, headers split between message and content, body bytes, and the wire size of the request.</summary>
internal sealed class PreparedRequest
{
    private readonly KeyValuePair<string, string>[] messageHeaders;
    private readonly KeyValuePair<string, string>[] contentHeaders;
    private readonly byte[]? body;

    public PreparedRequest(RequestSpec spec)
    {
        RequestText.EnsureSendable(spec);
        Spec = spec;
        Method = new HttpMethod(spec.Method);
        body = spec.Body is null ? null : Encoding.UTF8.GetBytes(spec.Body);
        var probe = new HttpRequestMessage();
        var content = new ByteArrayContent([]);
        var message = new List<KeyValuePair<string, string>>();
        var onContent = new List<KeyValuePair<string, string>>();
        foreach (var header in spec.Headers)
        {
            // Content-Type and friends belong to the content in HttpClient's model; everything else to the message.
            if (probe.Headers.TryAddWithoutValidation(header.Key, header.Value))
            {
                message.Add(header);
            }
            else if (content.Headers.TryAddWithoutValidation(header.Key, header.Value))
            {
                onContent.Add(header);
            }
        }

        messageHeaders = [.. message];
        contentHeaders = [.. onContent];
        probe.Dispose();
        content.Dispose();

        // Wire size as HTTP/1.1 would send it: request line, Host, headers, Content-Length, blank line, body.
        var size = $"{spec.Method} {spec.Url.PathAndQuery} HTTP/1.1\r\nHost: {spec.Url.Authority}\r\n".Length + 2L;
        size += spec.Headers.Sum(h => h.Key.Length + 2 + Encoding.UTF8.GetByteCount(h.Value) + 2);
        if (body is not null)
        {
            size += $"Content-Length: {body.Length}\r\n".Length + body.Length;
        }

        WireBytes = size;
    }

    public RequestSpec Spec { get; }

    public HttpMethod Method { get; }

    /// <summary>Estimated bytes on the wire for one send.</summary>
    public long WireBytes { get; }

    public HttpRequestMessage CreateMessage(Version version, HttpVersionPolicy policy)
    {
        var message = new HttpRequestMessage(Method, Spec.Url) { Version = version, VersionPolicy = policy };
        foreach (var header in messageHeaders)
        {
            message.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        if (body is not null || contentHeaders.Length > 0)
        {
            var content = new ByteArrayContent(body ?? []);
            foreach (var header in contentHeaders)
            {
                content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            message.Content = content;
        }

        return message;
    }

    /// <summary>Bytes of a response's status line and headers as HTTP/1.1 would carry them.</summary>
    public static long ResponseHeaderBytes(HttpResponseMessage response)
    {
        long size = "HTTP/1.1 000 \r\n".Length + (response.ReasonPhrase?.Length ?? 0) + 2;
        size += HeaderBytes(response.Headers);
        size += HeaderBytes(response.Content.Headers);
        return size;
    }

    private static long HeaderBytes(HttpHeaders headers)
    {
        long size = 0;
        foreach (var header in headers.NonValidated)
        {
            foreach (var value in header.Value)
            {
                size += header.Key.Length + 2 + value.Length + 2;
            }
        }

        return size;
    }
}
