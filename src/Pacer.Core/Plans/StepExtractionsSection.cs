using Pacer.Core.Plans.Scenarios;
using YamlDotNet.RepresentationModel;

namespace Pacer.Core.Plans;

/// <summary>Reads a request step's <c>extract</c> list: which value of the response goes into which variable, for how long.</summary>
internal static class StepExtractionsSection
{
    private static readonly string[] ExtractKeys = ["var", "json", "header", "cookie", "regex", "scope"];

    /// <summary>The step's <c>extract</c> list.</summary>
    public static List<Extraction> Read(ScenarioReadContext c, YamlNode node)
    {
        var reader = c.Reader;
        var list = new List<Extraction>();
        if (reader.Sequence(node, "extract") is not { } sequence)
        {
            return list;
        }

        foreach (var item in sequence.Children)
        {
            if (reader.Mapping(item, "an extraction") is not { } mapping)
            {
                continue;
            }

            var e = reader.Entries(mapping, "an extraction", ExtractKeys);
            if (!e.TryGetValue("var", out var v) || reader.Text(v, "var") is not { } variable)
            {
                if (!e.ContainsKey("var"))
                {
                    reader.Error(mapping, "an extraction has no 'var'", "e.g. - { var: token, json: $.token }");
                }

                continue;
            }

            var sources = new[] { "json", "header", "cookie", "regex" }.Where(e.ContainsKey).ToList();
            if (sources.Count != 1)
            {
                reader.Error(mapping, $"extraction of '{variable}' needs exactly one of json, header, cookie, regex", "e.g. { var: token, json: $.token } or { var: sid, header: X-Session-Id }");
                continue;
            }

            var sourceNode = e[sources[0]];
            if (reader.Text(sourceNode, sources[0]) is not { } selector)
            {
                continue;
            }

            var scope = VariableScope.Iteration;
            if (e.TryGetValue("scope", out var s) && reader.Text(s, "scope") is { } scopeText)
            {
                if (scopeText == "vu")
                {
                    scope = VariableScope.VirtualUser;
                }
                else if (scopeText != "iteration")
                {
                    reader.Error(s, $"unknown scope '{scopeText}'", "use iteration (the default) or vu");
                }
            }

            var source = sources[0] switch
            {
                "json" => ExtractionSource.Json,
                "header" => ExtractionSource.Header,
                "cookie" => ExtractionSource.Cookie,
                _ => ExtractionSource.Regex,
            };
            list.Add(new Extraction
            {
                Variable = variable,
                Source = source,
                Selector = selector,
                JsonPath = source == ExtractionSource.Json ? c.JsonPath(sourceNode, selector) : null,
                Pattern = source == ExtractionSource.Regex ? c.Regex(sourceNode, selector) : null,
                Scope = scope,
            });
        }

        return list;
    }
}
