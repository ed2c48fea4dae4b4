using System.Text;
using Pacer.Core.Transport;

namespace Pacer.Core.Tests.Flows;

/// <summary>A copy of what a virtual user's reusable request held when it was sent, for tests to inspect afterwards.</summary>
internal sealed record SentRequest(string Name, string Method, Uri Url, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[]? Body)
{
    public static SentRequest Of(ExchangeRequest request) =>
        new(request.Name, request.Method, new Uri(request.UrlText), request.HeaderPairs(), request.HasBody ? request.Body.ToArray() : null);

    public string BodyText => Encoding.UTF8.GetString(Body ?? []);
}
