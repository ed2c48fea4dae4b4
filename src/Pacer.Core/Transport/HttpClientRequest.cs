using System.Net.Http.Headers;

namespace Pacer.Core.Transport;

/// <summary>
/// An <see cref="ExchangeRequest"/> decoded into what HttpClient needs: method, URI, headers split between message and content,
/// body bytes. Built once per frozen request (a mix's), per send for a scenario step.
/// </summary>
internal sealed class HttpClientRequest
{
    private readonly KeyValuePair<string, string>[] messageHeaders;
    private readonly KeyValuePair<string, string>[] contentHeaders;
    private readonly byte[]? body;

    private HttpClientRequest(HttpMethod method, Uri uri, KeyValuePair<string, string>[] messageHeaders, KeyValuePair<string, string>[] contentHeaders, byte[]? body)
    {
        Method = method;
        Uri = uri;
        this.messageHeaders = messageHeaders;
        this.contentHeaders = contentHeaders;
        this.body = body;
    }

    public HttpMethod Method { get; }

    public Uri Uri { get; }

    /// <summary>The decoded request, or null when its URL is not one <see cref="Uri"/> accepts.</summary>
    public static HttpClientRequest? From(ExchangeRequest request)
    {
        if (!Uri.TryCreate(request.UrlText, UriKind.Absolute, out var uri))
        {
            return null;
        }

        using var probe = new HttpRequestMessage();
        using var content = new ByteArrayContent([]);
        var message = new List<KeyValuePair<string, string>>();
        var onContent = new List<KeyValuePair<string, string>>();
        foreach (var header in request.HeaderPairs())
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

        return new HttpClientRequest(new HttpMethod(request.Method), uri, [.. message], [.. onContent], request.HasBody ? request.Body.ToArray() : null);
    }

    public HttpRequestMessage CreateMessage(Version version, HttpVersionPolicy policy)
    {
        var message = new HttpRequestMessage(Method, Uri) { Version = version, VersionPolicy = policy };
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
