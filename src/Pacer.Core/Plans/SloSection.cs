using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Pacer.Core.Plans;

/// <summary>
/// Reads the plan's <c>slo:</c> section: <c>objectives:</c>, a list of <c>{ name, metric, objective, below }</c>, e.g.
/// <c>{ name: fast, metric: http_req_duration, below: 25ms, objective: 99% }</c>.
/// </summary>
internal static class SloSection
{
    private static readonly string[] Keys = ["objectives"];
    private static readonly string[] ObjectiveKeys = ["name", "metric", "objective", "below"];
    private static readonly string[] LatencyMetrics = ["http_req_duration", "http_req_service_time", "http_req_queue_time", "group_duration"];

    public static List<SloObjective> Read(PlanReader reader, Dictionary<string, YamlNode> entries, IReadOnlyList<CustomMetricSpec> customMetrics)
    {
        var objectives = new List<SloObjective>();
        if (!entries.TryGetValue("slo", out var node) || reader.Mapping(node, "slo") is not { } mapping)
        {
            return objectives;
        }

        var slo = reader.Entries(mapping, "slo", Keys);
        if (!slo.TryGetValue("objectives", out var list))
        {
            reader.Error(node, "slo has no 'objectives'", "e.g. objectives: [ { name: availability, metric: http_req_failed, objective: 99.9% } ]");
            return objectives;
        }

        if (reader.Sequence(list, "slo objectives") is not { } sequence)
        {
            return objectives;
        }

        foreach (var item in sequence.Children)
        {
            if (reader.Mapping(item, "an slo objective") is { } objective && Objective(reader, objective, customMetrics) is { } read)
            {
                if (objectives.Exists(o => o.Name == read.Name))
                {
                    reader.Error(item, $"two slo objectives are named '{read.Name}'", "give each its own name");
                    continue;
                }

                objectives.Add(read);
            }
        }

        return objectives;
    }

    private static SloObjective? Objective(PlanReader reader, YamlMappingNode node, IReadOnlyList<CustomMetricSpec> customMetrics)
    {
        var e = reader.Entries(node, "an slo objective", ObjectiveKeys);
        var name = e.TryGetValue("name", out var n) ? reader.Text(n, "name") : null;
        var metric = e.TryGetValue("metric", out var m) ? reader.Text(m, "metric") : null;
        if (name is null || metric is null || !e.TryGetValue("objective", out var o))
        {
            reader.Error(node, "an slo objective needs name, metric and objective", "e.g. { name: availability, metric: http_req_failed, objective: 99.9% }");
            return null;
        }

        var latency = LatencyMetrics.Contains(metric) || customMetrics.Any(c => c.Name == metric && c.Kind == MetricKind.Trend);
        if (!latency && metric is not ("http_req_failed" or "checks"))
        {
            var known = new[] { "http_req_failed", "checks" }.Concat(LatencyMetrics).Concat(customMetrics.Where(c => c.Kind == MetricKind.Trend).Select(c => c.Name)).ToList();
            var suggestion = KeySuggester.Suggest(metric, known);
            reader.Error(m, $"an slo objective cannot count good events of '{metric}'", suggestion is null ? $"it takes {string.Join(", ", known)}" : $"did you mean '{suggestion}'?");
            return null;
        }

        double? below = null;
        if (e.TryGetValue("below", out var b))
        {
            if (!latency)
            {
                reader.Error(b, $"'below' applies to a latency, not {metric}", $"{metric} counts its own good events; drop below");
                return null;
            }

            below = reader.Duration(b, "below")?.TotalMilliseconds;
            if (below is null)
            {
                return null;
            }
        }
        else if (latency)
        {
            reader.Error(node, $"the objective on {metric} needs 'below', the latency a good request stays under", "e.g. below: 25ms");
            return null;
        }

        if (Share(reader, o) is not { } share)
        {
            return null;
        }

        return new SloObjective(name, metric, share, below);
    }

    /// <summary>An objective as a share strictly between 0 and 1: <c>99.9%</c> or <c>0.999</c>.</summary>
    private static double? Share(PlanReader reader, YamlNode node)
    {
        if (reader.Text(node, "objective") is not { } text)
        {
            return null;
        }

        var trimmed = text.Trim();
        var percent = trimmed.EndsWith('%');
        if (!double.TryParse(percent ? trimmed[..^1] : trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            reader.Error(node, $"objective '{text}' is not a share", "write a percentage such as 99.9% (or 0.999)");
            return null;
        }

        // Through decimal, so 99.9% is 0.999 and not 0.9990000000000001.
        var share = percent && Math.Abs(value) < 1e20 ? (double)((decimal)value / 100) : value;
        if (share is <= 0 or >= 1 || double.IsNaN(share))
        {
            reader.Error(node, $"objective '{text}' must be above 0% and below 100%", "100% leaves no error budget to judge; e.g. 99.9%");
            return null;
        }

        return share;
    }
}
