using Pacer.Core.Plans.Scenarios;
using YamlDotNet.RepresentationModel;

namespace Pacer.Core.Plans;

/// <summary>Reads a request step's <c>record</c> list: which of the plan's own metrics it feeds, and with what value.</summary>
internal static class StepRecordsSection
{
    private static readonly string[] RecordKeys = ["metric", "value"];

    /// <summary>The step's <c>record</c> list.</summary>
    public static List<MetricRecord> Read(ScenarioReadContext c, YamlNode node)
    {
        var reader = c.Reader;
        var list = new List<MetricRecord>();
        if (reader.Sequence(node, "record") is not { } sequence)
        {
            return list;
        }

        foreach (var item in sequence.Children)
        {
            if (reader.Mapping(item, "a record entry") is not { } mapping)
            {
                continue;
            }

            var e = reader.Entries(mapping, "a record entry", RecordKeys);
            if (!e.TryGetValue("metric", out var m) || reader.Text(m, "metric") is not { } name)
            {
                if (!e.ContainsKey("metric"))
                {
                    reader.Error(mapping, "a record entry has no 'metric'", "e.g. - { metric: command_execution_time, value: duration }");
                }

                continue;
            }

            var index = c.Metrics.ToList().FindIndex(x => x.Name == name);
            if (index < 0)
            {
                var suggestion = KeySuggester.Suggest(name, c.Metrics.Select(x => x.Name));
                reader.Error(m, $"no metric '{name}' is declared", suggestion is null ? "declare it first: metrics: { " + name + ": trend }" : $"did you mean '{suggestion}'?");
                continue;
            }

            var kind = c.Metrics[index].Kind;
            var valueText = e.TryGetValue("value", out var v) ? reader.Text(v, "value") : null;
            var (source, template) = valueText switch
            {
                null => (kind == Plans.MetricKind.Trend ? MetricValueSource.Duration : kind == Plans.MetricKind.Rate ? MetricValueSource.Ok : MetricValueSource.Value, null),
                "duration" => (MetricValueSource.Duration, null),
                "checks" => (MetricValueSource.Checks, null),
                "ok" => (MetricValueSource.Ok, null),
                _ => (MetricValueSource.Value, c.Compile(v!, valueText, "value")),
            };
            if (source == MetricValueSource.Duration && kind != Plans.MetricKind.Trend)
            {
                reader.Error(v ?? m, $"value 'duration' feeds a trend, and '{name}' is a {kind.ToString().ToLowerInvariant()}", "a rate takes checks or ok; a counter a number");
                continue;
            }

            list.Add(new MetricRecord(index, name, source, template));
        }

        return list;
    }
}
