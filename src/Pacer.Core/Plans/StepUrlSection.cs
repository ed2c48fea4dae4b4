using Pacer.Core.Plans.Scenarios;
using Pacer.Core.Transport;
using YamlDotNet.RepresentationModel;

namespace Pacer.Core.Plans;

/// <summary>
/// Reads a request step's <c>path</c> and <c>query</c> into the URL template: the path joined with the plan's target, the
/// query appended, placeholders compiled, a mistake reported at its column inside the path as written.
/// </summary>
internal static class StepUrlSection
{
    /// <summary>
    /// The step's URL, or null when its path is missing or unusable (reported; the step is then not read further). Its
    /// <see cref="StepUrl.Template"/> is null when only a placeholder is wrong, so the step's other mistakes are reported too.
    /// </summary>
    public static StepUrl? Read(ScenarioReadContext c, YamlMappingNode mapping, Dictionary<string, YamlNode> e)
    {
        var reader = c.Reader;
        if (!e.TryGetValue("path", out var p))
        {
            reader.Error(mapping, "a step has no 'path' (nor 'think' or 'group')", "a request step needs path: /api/...; a pause is think: 1s; a group is group: name with steps");
            return null;
        }

        var pathText = reader.Text(p, "path");
        if (pathText is null)
        {
            return null;
        }

        if (RequestText.Problem("path", pathText) is { } pathProblem)
        {
            reader.Error(p, pathProblem, "a path is one line; percent-encode a control character (%0A) if the server must see it");
            return null;
        }

        var urlText = RequestsSection.Join(c.Target, pathText);
        if (urlText is null)
        {
            reader.Error(p, $"path '{pathText}' is neither a path under the target nor an absolute http(s) URL");
            return null;
        }

        if (e.TryGetValue("query", out var q) && reader.Mapping(q, "query") is { } query)
        {
            foreach (var (key, value) in query.Children)
            {
                var keyText = (key as YamlScalarNode)?.Value ?? string.Empty;
                if ((RequestText.Problem("a query parameter name", keyText) ?? RequestText.Problem($"query parameter '{RequestText.Escape(keyText)}'", (value as YamlScalarNode)?.Value ?? string.Empty)) is { } queryProblem)
                {
                    reader.Error(value, queryProblem, "a query parameter is one line; percent-encode a control character (%0A) if the server must see it");
                }
            }

            var pairs = query.Children.Select(kv => $"{Uri.EscapeDataString(((YamlScalarNode)kv.Key).Value ?? string.Empty)}={(kv.Value as YamlScalarNode)?.Value ?? string.Empty}");
            urlText += (urlText.Contains('?', StringComparison.Ordinal) ? "&" : "?") + string.Join('&', pairs);
        }

        // The template is the whole URL, but a mistake is reported at its column inside the path as written.
        var template = c.Compile(p, urlText, "path", urlText.StartsWith(pathText, StringComparison.Ordinal) ? 0 : urlText.IndexOf(pathText, StringComparison.Ordinal));
        return new StepUrl(pathText, urlText, template);
    }
}
