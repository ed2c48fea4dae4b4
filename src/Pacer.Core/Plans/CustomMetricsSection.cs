using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Pacer.Core.Plans;

/// <summary>Reads <c>metrics:</c>, the plan's own metrics: <c>name: trend | rate | counter</c>.</summary>
internal static partial class CustomMetricsSection
{
    public static List<CustomMetricSpec> Read(PlanReader reader, YamlNode node)
    {
        var metrics = new List<CustomMetricSpec>();
        if (reader.Mapping(node, "metrics") is not { } mapping)
        {
            return metrics;
        }

        foreach (var (key, value) in mapping.Children)
        {
            if (reader.Text(key, "a metric name") is not { } name || reader.Text(value, $"metrics.{name}") is not { } kindText)
            {
                continue;
            }

            if (!Name().IsMatch(name))
            {
                reader.Error(key, $"'{name}' is not a metric name", "use lower-case letters, digits and _, e.g. session_creation_rate");
                continue;
            }

            if (KnownMetrics.Kinds.ContainsKey(name) || KnownMetrics.WebSocket.ContainsKey(name))
            {
                reader.Error(key, $"'{name}' is a built-in metric", "give your metric another name");
                continue;
            }

            MetricKind? kind = kindText switch
            {
                "trend" => MetricKind.Trend,
                "rate" => MetricKind.Rate,
                "counter" => MetricKind.Counter,
                _ => null,
            };
            if (kind is null)
            {
                var suggestion = KeySuggester.Suggest(kindText, ["trend", "rate", "counter"]);
                reader.Error(value, $"unknown metric type '{kindText}'", suggestion is null ? "use trend, rate or counter" : $"did you mean '{suggestion}'?");
                continue;
            }

            metrics.Add(new CustomMetricSpec(name, kind.Value));
        }

        return metrics;
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex Name();
}
