using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Pacer.Core.Plans;

/// <summary>Reads the <c>thresholds</c> section: k6 keys (<c>metric</c> or <c>metric{tag:value}</c>) mapped to lists of expressions or objects.</summary>
internal static partial class ThresholdsSection
{
    private static readonly string[] ObjectKeys = ["threshold", "abortOnFail", "delayAbortEval"];

    public static List<ThresholdSpec> Read(PlanReader reader, Dictionary<string, YamlNode> entries, IReadOnlyList<RequestSpec> requests, IReadOnlyList<string>? checkNames = null, IReadOnlyList<CustomMetricSpec>? customMetrics = null, IReadOnlyList<string>? groupNames = null) =>
        entries.TryGetValue("thresholds", out var node)
            ? Read(reader, node, [.. requests.Select(r => r.Name)], checkNames ?? [], customMetrics ?? [], groupNames ?? [], WatchedNames(entries))
            : [];

    /// <summary>
    /// The names the plan's <c>watch:</c> section scrapes (<c>metrics.select</c>, without label filters) or queries
    /// (<c>prometheus.queries</c> keys): a threshold may name them without a <c>{source:…}</c> tag. The section itself is read
    /// (and its mistakes reported) by the watch reader; here a shape that is not as expected just gives no names.
    /// </summary>
    internal static List<string> WatchedNames(Dictionary<string, YamlNode> entries)
    {
        var names = new List<string>();
        if (!entries.TryGetValue("watch", out var watch) || watch is not YamlMappingNode mapping)
        {
            return names;
        }

        foreach (var (key, value) in mapping.Children)
        {
            switch (key, value)
            {
                case (YamlScalarNode { Value: "metrics" }, YamlMappingNode metrics)
                    when metrics.Children.FirstOrDefault(e => e.Key is YamlScalarNode { Value: "select" }).Value is YamlSequenceNode select:
                    names.AddRange(select.Children.OfType<YamlScalarNode>().Select(n => (n.Value ?? string.Empty).Split('{')[0].Trim()));
                    break;
                case (YamlScalarNode { Value: "prometheus" }, YamlMappingNode prometheus)
                    when prometheus.Children.FirstOrDefault(e => e.Key is YamlScalarNode { Value: "queries" }).Value is YamlMappingNode queries:
                    names.AddRange(queries.Children.Keys.OfType<YamlScalarNode>().Select(n => n.Value ?? string.Empty));
                    break;
            }
        }

        return names;
    }

    /// <summary>
    /// Reads a thresholds mapping (what a plan's <c>thresholds:</c> holds), checking names against the request, check, custom
    /// metric and group names of the plan or result it will judge (a name is not checked when there are none of its kind).
    /// </summary>
    public static List<ThresholdSpec> Read(PlanReader reader, YamlNode node, IReadOnlyList<string> requestNames, IReadOnlyList<string> checkNames, IReadOnlyList<CustomMetricSpec> customMetrics, IReadOnlyList<string> groupNames, IReadOnlyList<string>? watchedNames = null)
    {
        watchedNames ??= [];
        var specs = new List<ThresholdSpec>();
        if (reader.Mapping(node, "thresholds") is not { } mapping)
        {
            return specs;
        }

        foreach (var (keyNode, value) in mapping.Children)
        {
            if (reader.Text(keyNode, "a threshold key") is not { } key)
            {
                continue;
            }

            IEnumerable<YamlNode> items = value is YamlSequenceNode sequence ? sequence.Children : [value];
            if (IsTargetKey(key, watchedNames, customMetrics))
            {
                if (TargetKey(reader, keyNode, key, watchedNames) is var (name, sourceTags, unit))
                {
                    specs.AddRange(items.Select(item => TargetItem(reader, item, name, sourceTags, unit)).OfType<ThresholdSpec>());
                }

                continue;
            }

            if (Key(reader, keyNode, key, requestNames, checkNames, customMetrics, groupNames) is not var (metric, kind, tags))
            {
                continue;
            }

            foreach (var item in items)
            {
                if (Item(reader, item, metric, kind, tags) is { } spec)
                {
                    specs.Add(spec);
                }
            }
        }

        return specs;
    }

    private static (string Metric, MetricKind Kind, List<KeyValuePair<string, string>> Tags)? Key(PlanReader reader, YamlNode node, string key, IReadOnlyList<string> requestNames, IReadOnlyList<string> checkNames, IReadOnlyList<CustomMetricSpec> customMetrics, IReadOnlyList<string> groupNames)
    {
        var match = KeyPattern().Match(key);
        if (!match.Success)
        {
            reader.Error(node, $"'{key}' is not a metric key", "write metric or metric{tag:value}, e.g. http_req_duration{name:login}");
            return null;
        }

        var metric = match.Groups["metric"].Value;
        var custom = customMetrics.FirstOrDefault(m => m.Name == metric);
        if (!KnownMetrics.Kinds.TryGetValue(metric, out var kind) && custom is null)
        {
            var names = KnownMetrics.Kinds.Keys.Concat(customMetrics.Select(m => m.Name)).ToList();
            var suggestion = KeySuggester.Suggest(metric, names);
            reader.Error(node, $"unknown metric '{metric}'", suggestion is null ? $"known metrics: {string.Join(", ", names)} (declare your own under metrics:; a scraped or queried metric of the target takes {{source:metrics}} or {{source:prometheus}})" : $"did you mean '{suggestion}'?");
            return null;
        }

        kind = custom?.Kind ?? kind;

        var tags = new List<KeyValuePair<string, string>>();
        if (match.Groups["tags"].Success)
        {
            foreach (var part in match.Groups["tags"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var colon = part.IndexOf(':', StringComparison.Ordinal);
                if (colon <= 0)
                {
                    reader.Error(node, $"tag filter '{part}' in '{key}' should look like tag:value", "e.g. {name:login} or {status:200}");
                    return null;
                }

                var tag = part[..colon].Trim();
                var tagValue = part[(colon + 1)..].Trim();
                if (!KnownMetrics.TagKeys.Contains(tag))
                {
                    var suggestion = KeySuggester.Suggest(tag, KnownMetrics.TagKeys);
                    reader.Error(node, $"unknown tag '{tag}' in '{key}'", suggestion is null ? $"tags are {string.Join(", ", KnownMetrics.TagKeys)}" : $"did you mean '{suggestion}'?");
                    return null;
                }

                if (tag == "group" && (metric != "group_duration" || !groupNames.Contains(tagValue)))
                {
                    var suggestion = KeySuggester.Suggest(tagValue, groupNames);
                    reader.Error(node, metric != "group_duration" ? $"the group tag applies to group_duration only, not {metric}" : $"no group is named '{tagValue}'", suggestion is null ? $"groups: {string.Join(", ", groupNames)}" : $"did you mean '{suggestion}'?");
                    return null;
                }

                if (tag == "expected_response" && ExpectedResponseProblem(metric, tagValue, tags) is var (problem, hint))
                {
                    reader.Error(node, problem, hint);
                    return null;
                }

                if (tag is "status" or "error_kind" && tags.Exists(t => t.Key == "expected_response"))
                {
                    reader.Error(node, $"'{key}' combines expected_response with {tag}", $"a {tag} already says whether the response was expected; keep one of the two");
                    return null;
                }

                if (KnownMetrics.WebSocket.ContainsKey(metric) && (tag != SocketStepMetrics.TagKey || tags.Count > 0))
                {
                    // A ws metric is kept in total and per step, nothing else: any other filter would judge the total unfiltered.
                    reader.Error(node, $"{metric} takes one tag, step, not '{key[key.IndexOf('{', StringComparison.Ordinal)..]}'", $"e.g. {metric}{{step:run command}} (a ws step's name)");
                    return null;
                }

                if (tag == SocketStepMetrics.TagKey && StepTagProblem(metric, tagValue, customMetrics) is var (stepProblem, stepHint))
                {
                    reader.Error(node, stepProblem, stepHint);
                    return null;
                }

                // checks{name:…} names a check; every other metric's name tag names a request (or request step).
                var (names, what) = metric == "checks" ? (checkNames, "check") : (requestNames, "request");
                if (tag == "name" && !names.Contains(tagValue) && names.Count > 0)
                {
                    var suggestion = KeySuggester.Suggest(tagValue, names);
                    reader.Error(node, $"no {what} is named '{tagValue}'", suggestion is null ? $"{what} names: {string.Join(", ", names)}" : $"did you mean '{suggestion}'?");
                    return null;
                }

                tags.Add(new(tag, tagValue));
            }
        }

        return (metric, kind, tags);
    }

    /// <summary>What is wrong with a <c>step</c> filter (a ws metric the step named records), or null.</summary>
    private static (string Problem, string Hint)? StepTagProblem(string metric, string step, IReadOnlyList<CustomMetricSpec> metrics)
    {
        if (!KnownMetrics.WebSocket.ContainsKey(metric))
        {
            return ($"the step tag applies to the ws_* metrics only, not {metric}", "a request step's metrics take {name:…}, e.g. http_req_duration{name:login}");
        }

        if (metrics.Any(m => m.Name == SocketStepMetrics.Tagged(metric, step)))
        {
            return null;
        }

        var steps = metrics.Where(m => SocketStepMetrics.BaseOf(m.Name) == metric).Select(m => m.Name[(metric.Length + SocketStepMetrics.TagKey.Length + 2)..^1]).ToList();
        var suggestion = KeySuggester.Suggest(step, steps);
        return steps.Count == 0
            ? ($"no ws step records {metric}", $"{metric} is recorded by {(metric is "ws_msg_rtt" ? "ws: request and ws: stream (with correlate)" : "other ws steps")}")
            : ($"no ws step named '{step}' records {metric}", suggestion is null ? $"steps that do: {string.Join(", ", steps)}" : $"did you mean '{suggestion}'?");
    }

    /// <summary>What is wrong with an <c>expected_response</c> filter (k6: true or false, on the http_req_* metrics), or null.</summary>
    private static (string Problem, string Hint)? ExpectedResponseProblem(string metric, string value, List<KeyValuePair<string, string>> earlier)
    {
        if (value is not ("true" or "false"))
        {
            return ($"expected_response is true or false, not '{value}'", "e.g. http_req_duration{expected_response:true} (the latency of responses below 400)");
        }

        if (!KnownMetrics.ExpectedResponseMetrics.Contains(metric))
        {
            return ($"the expected_response tag does not apply to {metric}", $"it filters {string.Join(", ", KnownMetrics.ExpectedResponseMetrics)}; service and queue time are recorded for responses only");
        }

        return earlier.Find(t => t.Key is "status" or "error_kind") is { Key: { } other }
            ? ($"expected_response cannot be combined with {other}", $"a {other} already says whether the response was expected; keep one of the two")
            : null;
    }

    private static ThresholdSpec? Item(PlanReader reader, YamlNode item, string metric, MetricKind kind, List<KeyValuePair<string, string>> tags)
    {
        YamlNode expressionNode = item;
        var abortOnFail = false;
        var delay = TimeSpan.Zero;
        if (item is YamlMappingNode objectForm)
        {
            var e = reader.Entries(objectForm, "a threshold", ObjectKeys);
            if (!e.TryGetValue("threshold", out var t))
            {
                reader.Error(item, "a threshold object has no 'threshold'", "e.g. { threshold: \"p(99)<1s\", abortOnFail: true }");
                return null;
            }

            expressionNode = t;
            if (e.TryGetValue("abortOnFail", out var a))
            {
                abortOnFail = reader.Boolean(a, "abortOnFail") ?? false;
            }

            if (e.TryGetValue("delayAbortEval", out var d))
            {
                delay = reader.Duration(d, "delayAbortEval") ?? TimeSpan.Zero;
            }
        }

        if (reader.Text(expressionNode, "a threshold") is not { } text)
        {
            return null;
        }

        ThresholdExpression expression;
        try
        {
            expression = ThresholdParser.Parse(text);
        }
        catch (ThresholdSyntaxException ex)
        {
            reader.Error(expressionNode, ex.Message);
            return null;
        }

        if (!KnownMetrics.Allows(kind, expression.Aggregation))
        {
            reader.Error(expressionNode, $"'{text}' does not apply to {metric}, a {kind.ToString().ToLowerInvariant()} metric", $"{metric} takes {KnownMetrics.AllowedText(kind)}");
            return null;
        }

        return new ThresholdSpec(metric, tags, expression, abortOnFail, delay, text.Trim());
    }

    /// <summary>Whether a key names a watched target metric: a standard name or prefix, a watched name, or a <c>{source:…}</c> tag.</summary>
    private static bool IsTargetKey(string key, IReadOnlyList<string> watchedNames, IReadOnlyList<CustomMetricSpec> customMetrics)
    {
        var match = KeyPattern().Match(key);
        if (!match.Success)
        {
            return false;
        }

        var metric = match.Groups["metric"].Value;
        return TargetMetrics.HasTargetPrefix(metric)
            || (watchedNames.Contains(metric) && !KnownMetrics.Kinds.ContainsKey(metric) && customMetrics.All(c => c.Name != metric))
            || (match.Groups["tags"].Success && match.Groups["tags"].Value.Split(',').Any(t => t.Split(':')[0].Trim() == "source"));
    }

    /// <summary>A target metric's key: its name, its <c>{source:…}</c> tag if any, and its unit when the name is a standard one.</summary>
    private static (string Metric, List<KeyValuePair<string, string>> Tags, string? Unit)? TargetKey(PlanReader reader, YamlNode node, string key, IReadOnlyList<string> watchedNames)
    {
        var match = KeyPattern().Match(key);
        var metric = match.Groups["metric"].Value;
        var tags = new List<KeyValuePair<string, string>>();
        foreach (var part in match.Groups["tags"].Success ? match.Groups["tags"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) : [])
        {
            var colon = part.IndexOf(':', StringComparison.Ordinal);
            var tag = colon <= 0 ? part : part[..colon].Trim();
            var value = colon <= 0 ? string.Empty : part[(colon + 1)..].Trim();
            if (tag != "source" || tags.Count > 0)
            {
                reader.Error(node, $"'{key}': a target metric takes one tag, source", $"e.g. {metric}{{source:cgroup}}; sources: {string.Join(", ", TargetMetrics.SourceKinds)}");
                return null;
            }

            if (!TargetMetrics.SourceKinds.Contains(value))
            {
                var suggestion = KeySuggester.Suggest(value, TargetMetrics.SourceKinds);
                reader.Error(node, $"unknown source '{value}' in '{key}'", suggestion is null ? $"sources: {string.Join(", ", TargetMetrics.SourceKinds)}" : $"did you mean '{suggestion}'?");
                return null;
            }

            tags.Add(new("source", value));
        }

        var named = tags.Exists(t => TargetMetrics.NamedSourceKinds.Contains(t.Value));
        if (!TargetMetrics.Units.TryGetValue(metric, out var unit) && !named && !watchedNames.Contains(metric))
        {
            var suggestion = KeySuggester.Suggest(metric, TargetMetrics.Units.Keys);
            reader.Error(
                node,
                $"unknown target metric '{metric}'",
                suggestion is null
                    ? $"standard names: {string.Join(", ", TargetMetrics.Units.Keys)}; a scraped or queried metric takes {{source:metrics}} or {{source:prometheus}}"
                    : $"did you mean '{suggestion}'?");
            return null;
        }

        // A scraped metric keeps its own name and unit: what its bound may be in is checked when it is judged.
        return (metric, tags, named ? null : unit);
    }

    /// <summary>One threshold on a target metric: a k6 expression whose unit must fit the metric; never abortOnFail.</summary>
    private static ThresholdSpec? TargetItem(PlanReader reader, YamlNode item, string metric, List<KeyValuePair<string, string>> tags, string? unit)
    {
        var expressionNode = item;
        if (item is YamlMappingNode objectForm)
        {
            var e = reader.Entries(objectForm, "a threshold", ObjectKeys);
            if (e.TryGetValue("abortOnFail", out var a) && reader.Boolean(a, "abortOnFail") == true)
            {
                // The watchers' readings reach the result after the run (a Prometheus source only then), so a target threshold
                // is judged once, on every second watched; stopping the run on it mid-way would judge a different thing.
                reader.Error(a, $"abortOnFail does not apply to {metric}: target metrics are judged after the run, on every second watched", "drop abortOnFail; the run's verdict (exit 99) still fails on it");
                return null;
            }

            if (!e.TryGetValue("threshold", out var t))
            {
                reader.Error(item, "a threshold object has no 'threshold'", "e.g. { threshold: \"max<70%\" }");
                return null;
            }

            expressionNode = t;
        }

        if (reader.Text(expressionNode, "a threshold") is not { } text)
        {
            return null;
        }

        ThresholdExpression expression;
        try
        {
            expression = ThresholdParser.ParseTarget(text);
        }
        catch (ThresholdSyntaxException ex)
        {
            reader.Error(expressionNode, ex.Message);
            return null;
        }

        if (!TargetMetrics.Allows(expression.Aggregation, unit))
        {
            reader.Error(expressionNode, $"'{text}' does not apply to {metric}{(unit is null ? string.Empty : $", read in {TargetMetrics.Words(unit)}")}", $"a target metric takes {TargetMetrics.AllowedText}");
            return null;
        }

        if (unit is not null && TargetMetrics.UnitMismatch(metric, unit, expression.Unit) is { } mismatch)
        {
            reader.Error(expressionNode, $"'{text}': {mismatch}", $"write {metric}'s bound in {TargetMetrics.Words(unit)}{(unit is "cores" or "bytes" ? ", or in % of its limit" : string.Empty)}");
            return null;
        }

        return new ThresholdSpec(metric, tags, expression, false, TimeSpan.Zero, text.Trim());
    }

    [GeneratedRegex(@"^\s*(?<metric>[A-Za-z_][A-Za-z0-9_]*)\s*(?:\{(?<tags>[^{}]*)\})?\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyPattern();
}
