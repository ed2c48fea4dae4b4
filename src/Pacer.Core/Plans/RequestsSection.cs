using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Pacer.Core.Transport;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Pacer.Core.Plans;

/// <summary>Reads the <c>requests</c> list of a plan.</summary>
internal static partial class RequestsSection
{
    private static readonly string[] Keys = ["name", "method", "path", "headers", "body", "weight", "timeout"];

    public static List<RequestSpec> Read(
        PlanReader reader,
        YamlMappingNode root,
        Dictionary<string, YamlNode> entries,
        Uri target,
        IReadOnlyList<KeyValuePair<string, string>> defaultHeaders,
        TimeSpan defaultTimeout)
    {
        var requests = new List<RequestSpec>();
        if (!entries.TryGetValue("requests", out var node))
        {
            reader.Error(root, "the plan has no 'requests' (nor 'scenarios')", "add a list such as: requests: [{ path: /health }], or scenarios with steps for user journeys");
            return requests;
        }

        if (reader.Sequence(node, "requests") is not { } sequence)
        {
            return requests;
        }

        if (sequence.Children.Count == 0)
        {
            reader.Error(node, "requests is empty", "add at least one request, e.g. - path: /health");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in sequence.Children)
        {
            if (reader.Mapping(item, "a request") is not { } mapping)
            {
                continue;
            }

            var request = ReadOne(reader, mapping, target, defaultHeaders, defaultTimeout);
            if (request is null)
            {
                continue;
            }

            if (!names.Add(request.Name))
            {
                reader.Error(item, $"two requests are named '{request.Name}'", "give each request a distinct name: results are reported per name");
                continue;
            }

            requests.Add(request);
        }

        return requests;
    }

    private static RequestSpec? ReadOne(PlanReader reader, YamlMappingNode mapping, Uri target, IReadOnlyList<KeyValuePair<string, string>> defaultHeaders, TimeSpan defaultTimeout)
    {
        var e = reader.Entries(mapping, "a request", Keys);
        var before = reader.Errors.Count;

        var method = ReadMethod(reader, e);

        Uri? url = null;
        if (!e.TryGetValue("path", out var p))
        {
            reader.Error(mapping, "a request has no 'path'", "e.g. path: /api/sessions (relative to target) or a full http:// URL");
        }
        else if (reader.Text(p, "path") is { } pathText)
        {
            if (RequestText.Problem("path", pathText) is { } problem)
            {
                reader.Error(p, problem, "a path is one line; percent-encode a control character (%0A) if the server must see it");
            }

            url = Resolve(target, pathText);
            if (url is null)
            {
                reader.Error(p, $"path '{pathText}' is neither a path under the target nor an absolute http(s) URL");
            }
        }

        var headers = MergeHeaders(reader, e, defaultHeaders);

        string? body = null;
        if (e.TryGetValue("body", out var b))
        {
            body = Body(reader, b, headers);
        }

        var weight = 1.0;
        if (e.TryGetValue("weight", out var w) && reader.Number(w, "weight") is { } weightValue)
        {
            if (weightValue > 0)
            {
                weight = weightValue;
            }
            else
            {
                reader.Error(w, $"weight must be positive, not {weightValue}", "weights are relative shares, e.g. 3 and 1 send 75% and 25%");
            }
        }

        var timeout = e.TryGetValue("timeout", out var t) ? PlanParser.PositiveDuration(reader, t, "timeout") ?? defaultTimeout : defaultTimeout;
        var name = e.TryGetValue("name", out var n) ? reader.Text(n, "name") : null;
        if (reader.Errors.Count > before || url is null)
        {
            return null;
        }

        return new RequestSpec(name ?? $"{method} {url.AbsolutePath}", method, url, headers, body, weight, timeout);
    }

    private static Uri? Resolve(Uri target, string path) =>
        Join(target, path) is { } joined && Uri.TryCreate(joined, UriKind.Absolute, out var url) ? url : null;

    /// <summary>
    /// The URL text of <paramref name="path"/>: an absolute http(s) URL as it is, anything else joined to the target's own path
    /// (target http://host/api plus path /users gives http://host/api/users); null for another scheme. Text, not a
    /// <see cref="Uri"/>, so scenario paths keep their placeholders.
    /// </summary>
    internal static string? Join(Uri target, string path)
    {
        if (path.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || path.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            return path;
        }

        if (path.Contains("://", StringComparison.Ordinal))
        {
            return null;
        }

        var basePath = target.AbsolutePath.TrimEnd('/');
        return target.GetLeftPart(UriPartial.Authority) + basePath + (path.StartsWith('/') ? path : "/" + path);
    }

    /// <summary>The request's <c>method</c>, upper-cased; GET when absent; an error (and GET) when it is not letters.</summary>
    internal static string ReadMethod(PlanReader reader, Dictionary<string, YamlNode> entries)
    {
        if (!entries.TryGetValue("method", out var node) || reader.Text(node, "method") is not { } text)
        {
            return "GET";
        }

        if (Method().IsMatch(text))
        {
            return text.ToUpperInvariant();
        }

        reader.Error(node, $"'{text}' is not an HTTP method", "e.g. GET, POST, PUT, DELETE, PATCH");
        return "GET";
    }

    /// <summary>The default headers with the request's own <c>headers</c> added, replacing defaults of the same name.</summary>
    internal static List<KeyValuePair<string, string>> MergeHeaders(PlanReader reader, Dictionary<string, YamlNode> entries, IReadOnlyList<KeyValuePair<string, string>> defaults)
    {
        var headers = new List<KeyValuePair<string, string>>(defaults);
        if (entries.TryGetValue("headers", out var node))
        {
            foreach (var header in PlanParser.Headers(reader, node, "headers"))
            {
                headers.RemoveAll(x => string.Equals(x.Key, header.Key, StringComparison.OrdinalIgnoreCase));
                headers.Add(header);
            }
        }

        return headers;
    }

    internal static string? Body(PlanReader reader, YamlNode node, List<KeyValuePair<string, string>> headers)
    {
        if (node is YamlScalarNode scalar)
        {
            return PlanReader.IsNull(scalar) ? null : scalar.Value;
        }

        // A mapping or list is sent as JSON, with a JSON content type unless the plan set one.
        var json = ToJson(node)?.ToJsonString() ?? "null";
        if (!headers.Exists(x => string.Equals(x.Key, "Content-Type", StringComparison.OrdinalIgnoreCase)))
        {
            headers.Add(new("Content-Type", "application/json"));
        }

        return json;
    }

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode mapping => new JsonObject(mapping.Children.Select(c => new KeyValuePair<string, JsonNode?>(((YamlScalarNode)c.Key).Value ?? string.Empty, ToJson(c.Value)))),
        YamlSequenceNode sequence => new JsonArray([.. sequence.Children.Select(ToJson)]),
        YamlScalarNode scalar => Scalar(scalar),
        _ => null,
    };

    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        if (scalar.Style != ScalarStyle.Plain)
        {
            return JsonValue.Create(scalar.Value);
        }

        if (PlanReader.IsNull(scalar))
        {
            return null;
        }

        var value = scalar.Value!;
        if (bool.TryParse(value, out var b))
        {
            return JsonValue.Create(b);
        }

        if (long.TryParse(value, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var l))
        {
            return JsonValue.Create(l);
        }

        return double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var d) && double.IsFinite(d)
            ? JsonValue.Create(d)
            : JsonValue.Create(value);
    }

    // \\z, not $: "$" also matches before a final line feed, so "GET\\n" would pass as a method.
    [GeneratedRegex("^[A-Za-z]+\\z", RegexOptions.CultureInvariant)]
    internal static partial Regex Method();
}
