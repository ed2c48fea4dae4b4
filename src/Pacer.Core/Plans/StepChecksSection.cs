using System.Globalization;
using Pacer.Core.Plans.Scenarios;
using Pacer.Core.Plans.Scenarios.Checks;
using YamlDotNet.RepresentationModel;

namespace Pacer.Core.Plans;

/// <summary>
/// Reads a request step's <c>checks</c> list: one assertion each on status, a header, the body, a JSON value or the duration,
/// named as written or after what it checks, and whether its failure ends the iteration.
/// </summary>
internal static class StepChecksSection
{
    private static readonly string[] CheckKeys = ["name", "status", "header", "equals", "body_contains", "body_matches", "json", "exists", "lt", "gt", "duration_under", "abort_iteration"];

    /// <summary>The step's <c>checks</c> list.</summary>
    public static List<ResponseCheck> Read(ScenarioReadContext c, YamlNode node)
    {
        var reader = c.Reader;
        var list = new List<ResponseCheck>();
        if (reader.Sequence(node, "checks") is not { } sequence)
        {
            return list;
        }

        foreach (var item in sequence.Children)
        {
            if (reader.Mapping(item, "a check") is not { } mapping)
            {
                continue;
            }

            var e = reader.Entries(mapping, "a check", CheckKeys);
            var kinds = new[] { "status", "header", "body_contains", "body_matches", "json", "duration_under" }.Where(e.ContainsKey).ToList();
            if (kinds.Count != 1)
            {
                // Two kinds in one entry is the likelier slip (a missing "- "): name them rather than list all six.
                reader.Error(
                    mapping,
                    kinds.Count == 0 ? "a check needs exactly one of status, header, body_contains, body_matches, json, duration_under" : $"a check has both {kinds[0]} and {kinds[1]}; each check tests one thing",
                    kinds.Count == 0 ? "e.g. - { status: 2xx } or - { json: $.token, exists: true }" : $"make them two checks: - {{ {kinds[0]}: … }} and - {{ {kinds[1]}: … }}");
                continue;
            }

            var name = e.TryGetValue("name", out var n) ? reader.Text(n, "name") : null;
            var abort = e.TryGetValue("abort_iteration", out var a) && (reader.Boolean(a, "abort_iteration") ?? false);
            if (ReadCheck(c, kinds[0], e, name, abort) is { } check)
            {
                list.Add(check);
            }
        }

        return list;
    }

    private static ResponseCheck? ReadCheck(ScenarioReadContext c, string kind, Dictionary<string, YamlNode> e, string? name, bool abort)
    {
        var reader = c.Reader;
        var node = e[kind];
        switch (kind)
        {
            case "status":
                var ranges = StatusRanges(c, node);
                return ranges is null ? null : new StatusCheck(name ?? $"status is {Describe(node)}", ranges) { AbortIteration = abort };
            case "header":
                var header = reader.Text(node, "header");
                if (!e.TryGetValue("equals", out var eq))
                {
                    return header is null ? null : new HeaderCheck(name ?? $"header {header} present", header, null) { AbortIteration = abort };
                }

                var equals = Value(c, eq, "equals");
                return header is null || equals is null ? null : new HeaderCheck(name ?? $"header {header} is {equals.Text}", header, equals) { AbortIteration = abort };
            case "body_contains":
                return Value(c, node, "body_contains") is { } text ? new BodyContainsCheck(name ?? $"body contains '{text.Text}'", text) { AbortIteration = abort } : null;
            case "body_matches":
                return reader.Text(node, "body_matches") is { } pattern && c.Regex(node, pattern) is { } regex ? new BodyMatchesCheck(name ?? $"body matches /{pattern}/", regex) { AbortIteration = abort } : null;
            case "duration_under":
                return PlanParser.PositiveDuration(reader, node, "duration_under") is { } bound ? new DurationCheck(name ?? $"duration under {Describe(node)}", bound) { AbortIteration = abort } : null;
            default:
                if (reader.Text(node, "json") is not { } path || c.JsonPath(node, path) is not { } expression)
                {
                    return null;
                }

                var (condition, expected, what) = e.TryGetValue("equals", out var je) ? (JsonCondition.Equals, Value(c, je, "equals"), $"is {Describe(je)}")
                    : e.TryGetValue("lt", out var lt) ? (JsonCondition.LessThan, Numeric(c, lt, "lt"), $"< {Describe(lt)}")
                    : e.TryGetValue("gt", out var gt) ? (JsonCondition.GreaterThan, Numeric(c, gt, "gt"), $"> {Describe(gt)}")
                    : (JsonCondition.Exists, null, "exists");
                return condition != JsonCondition.Exists && expected is null ? null : new JsonCheck(name ?? $"{path} {what}", expression, condition, expected) { AbortIteration = abort };
        }
    }

    private static List<(int Min, int Max)>? StatusRanges(ScenarioReadContext c, YamlNode node)
    {
        var items = node is YamlSequenceNode sequence ? sequence.Children : [node];
        var ranges = new List<(int, int)>();
        foreach (var item in items)
        {
            var text = (item as YamlScalarNode)?.Value ?? string.Empty;
            if (text.Length == 3 && text[0] is >= '1' and <= '5' && text.EndsWith("xx", StringComparison.OrdinalIgnoreCase))
            {
                var hundred = (text[0] - '0') * 100;
                ranges.Add((hundred, hundred + 99));
            }
            else if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var code) && code is >= 100 and <= 599)
            {
                ranges.Add((code, code));
            }
            else
            {
                c.Reader.Error(item, $"'{text}' is not a status", "use a code (200), a list ([200, 201]) or a class (2xx)");
                return null;
            }
        }

        return ranges;
    }

    /// <summary>A value to compare with: a template, so placeholders are rendered per response as in the step's URL, headers and body.</summary>
    private static CheckValue? Value(ScenarioReadContext c, YamlNode node, string what) =>
        c.Reader.Text(node, what) is { } text && c.Compile(node, text, what) is { } template ? new CheckValue(template) : null;

    /// <summary>A bound of lt or gt: a number, written as a constant value.</summary>
    private static CheckValue? Numeric(ScenarioReadContext c, YamlNode node, string what) =>
        c.Reader.Number(node, what) is { } value ? new CheckValue(Template.Compile(value.ToString(CultureInfo.InvariantCulture))) : null;
    private static string Describe(YamlNode node) => node switch
    {
        YamlScalarNode s => s.Value ?? string.Empty,
        YamlSequenceNode s => string.Join(" or ", s.Children.Select(Describe)),
        _ => node.ToString(),
    };
}
