using System.Text;
using Pacer.Core.Plans;

namespace Pacer.Core.Transport.Http1;

/// <summary>A request encoded once, at plan load, into the exact bytes the lean transport writes for every send.</summary>
internal sealed class EncodedRequest
{
    public EncodedRequest(RequestSpec spec, Http1Endpoint endpoint)
    {
        RequestText.EnsureSendable(spec);
        Spec = spec;
        Endpoint = endpoint;
        IsHead = spec.Method == "HEAD";
        var body = spec.Body is null ? [] : Encoding.UTF8.GetBytes(spec.Body);
        var head = new StringBuilder();
        head.Append(spec.Method).Append(' ').Append(spec.Url.PathAndQuery).Append(" HTTP/1.1\r\n");
        if (!spec.Headers.Any(h => h.Key.Equals("Host", StringComparison.OrdinalIgnoreCase)))
        {
            head.Append("Host: ").Append(spec.Url.Authority).Append("\r\n");
        }

        foreach (var (name, value) in spec.Headers)
        {
            // The transport frames the body itself; a user's length or encoding header would contradict it.
            if (!name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)
                && !name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
            {
                head.Append(name).Append(": ").Append(value).Append("\r\n");
            }
        }

        if (spec.Body is not null || spec.Method is "POST" or "PUT" or "PATCH")
        {
            head.Append("Content-Length: ").Append(body.Length).Append("\r\n");
        }

        head.Append("\r\n");
        Bytes = [.. Encoding.UTF8.GetBytes(head.ToString()), .. body];
    }

    public RequestSpec Spec { get; }

    /// <summary>The whole request as it goes on the wire.</summary>
    public byte[] Bytes { get; }

    /// <summary>HEAD responses carry no body whatever their headers say.</summary>
    public bool IsHead { get; }

    /// <summary>Where the request goes.</summary>
    public Http1Endpoint Endpoint { get; }
}
