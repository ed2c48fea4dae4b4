using System.Globalization;
using Pacer.Core.Plans.Scenarios;
using YamlDotNet.RepresentationModel;

namespace Pacer.Core.Plans;

/// <summary>
/// Reads a list of steps: each is a request (<see cref="RequestStepSection"/>), a WebSocket step
/// (<see cref="SocketStepSection"/>), a think pause, or a group of steps.
/// </summary>
internal static class ScenarioStepsSection
{
    private static readonly string[] ThinkKeys = ["think", "probability"];
    private static readonly string[] GroupKeys = ["group", "steps", "probability"];

    /// <summary>The steps of a scenario or of a group (<paramref name="group"/> is empty for the scenario's own steps).</summary>
    public static List<FlowStep> Read(ScenarioReadContext c, YamlNode node, string group)
    {
        var reader = c.Reader;
        var steps = new List<FlowStep>();
        if (reader.Sequence(node, "steps") is not { } sequence)
        {
            return steps;
        }

        if (sequence.Children.Count == 0)
        {
            reader.Error(node, "steps is empty", "add at least one step, e.g. - path: /health");
        }

        foreach (var item in sequence.Children)
        {
            if (reader.Mapping(item, "a step") is not { } mapping)
            {
                continue;
            }

            var keys = mapping.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value).ToHashSet(StringComparer.Ordinal);
            FlowStep? step = keys.Contains("think") ? ReadThink(c, mapping)
                : keys.Contains("group") ? ReadGroup(c, mapping)
                : keys.Contains("ws") ? SocketStepSection.Read(c, mapping, group)
                : RequestStepSection.Read(c, mapping, group);
            if (step is not null)
            {
                steps.Add(step);
            }
        }

        return steps;
    }

    private static ThinkStep? ReadThink(ScenarioReadContext c, YamlMappingNode mapping)
    {
        var reader = c.Reader;
        var e = reader.Entries(mapping, "a think step", ThinkKeys);
        var probability = Probability(c, e);
        if (reader.Text(e["think"], "think") is not { } text)
        {
            return null;
        }

        var parts = text.Split("..", 2, StringSplitOptions.TrimEntries);
        var max = TimeSpan.Zero;
        var valid = DurationParser.TryParse(parts[0], out var min) && (parts.Length == 1 || DurationParser.TryParse(parts[1], out max));
        max = parts.Length == 1 ? min : max;
        if (valid && max > DurationLimits.MaxSetting)
        {
            reader.Error(e["think"], $"think '{text}' is longer than the limit of {(int)DurationLimits.MaxSetting.TotalHours}h", $"think may be {DurationLimits.UpTo(DurationLimits.MaxSetting)}");
            return null;
        }

        if (valid && max < min)
        {
            reader.Error(e["think"], $"think range '{text}' ends before it starts", $"write the shorter time first: {parts[1]}..{parts[0]}");
            return null;
        }

        if (!valid)
        {
            // A minus sign is the likeliest near-miss: say so rather than only that the text is not a duration.
            var negative = parts.FirstOrDefault(p => p.StartsWith('-') && DurationParser.TryParse(p[1..], out _));
            reader.Error(
                e["think"],
                negative is null ? $"think must be a duration or a range, not '{text}'" : $"think '{text}' is negative",
                negative is null ? "e.g. think: 1s, or think: 1s..3s (uniform between the two)" : "a pause lasts zero or more: e.g. think: 1s, or think: 1s..3s");
            return null;
        }

        return new ThinkStep { Min = min, Max = max, Probability = probability, Location = c.Location(mapping) };
    }

    private static GroupStep? ReadGroup(ScenarioReadContext c, YamlMappingNode mapping)
    {
        var reader = c.Reader;
        var e = reader.Entries(mapping, "a group", GroupKeys);
        var probability = Probability(c, e);
        var name = reader.Text(e["group"], "group") ?? "group";
        if (!e.TryGetValue("steps", out var s))
        {
            reader.Error(mapping, $"group '{name}' has no 'steps'", "a group holds steps: group: checkout, steps: [...]");
            return null;
        }

        return new GroupStep { Name = name, Steps = Read(c, s, name), Probability = probability, Location = c.Location(mapping) };
    }
    /// <summary>The step's <c>probability</c>, 1 when it has none or it is out of range (the mistake is reported).</summary>
    public static double Probability(ScenarioReadContext c, Dictionary<string, YamlNode> e)
    {
        if (!e.TryGetValue("probability", out var node) || c.Reader.Number(node, "probability") is not { } p)
        {
            return 1;
        }

        if (p is > 0 and <= 1)
        {
            return p;
        }

        c.Reader.Error(node, $"probability must be above 0 and at most 1, not {p.ToString(CultureInfo.InvariantCulture)}", "e.g. probability: 0.1 runs the step in one iteration in ten");
        return 1;
    }
}
