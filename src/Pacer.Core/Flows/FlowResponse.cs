using System.Text;
using System.Text.Json;
using Pacer.Core.Transport;

namespace Pacer.Core.Flows;

/// <summary>What a flow step got back: the measured outcome plus the headers and body that checks and extractions read.</summary>
internal sealed class FlowResponse(TransportResult result, IReadOnlyList<KeyValuePair<string, string>> headers, byte[] body)
{
    private string? text;
    private JsonDocument? json;
    private bool jsonTried;

    public TransportResult Result { get; } = result;

    /// <summary>Response headers in arrival order (names as sent; compare them ignoring case).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; } = headers;

    public byte[] Body { get; } = body;

    /// <summary>The body decoded as UTF-8, once.</summary>
    public string Text => text ??= Encoding.UTF8.GetString(Body);

    /// <summary>The first value of header <paramref name="name"/>, if present.</summary>
    public string? Header(string name)
    {
        foreach (var (key, value) in Headers)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>The body parsed as JSON, once; false when it is not JSON.</summary>
    public bool TryGetJson(out JsonElement root)
    {
        if (!jsonTried)
        {
            jsonTried = true;
            try
            {
                json = JsonDocument.Parse(Body);
            }
            catch (JsonException)
            {
                // Not JSON: checks and extractions that need JSON report it as a script error of their step.
                json = null;
            }
        }

        root = json?.RootElement ?? default;
        return json is not null;
    }
}
