using System.Globalization;
using Pacer.Core.Plans.Scenarios;
using YamlDotNet.RepresentationModel;

namespace Pacer.Core.Plans;

/// <summary>
/// Reads the <c>scenarios</c> list of a plan: each scenario's name, weight, variables, cookies, pacing, own load and data
/// file, then its steps (<see cref="ScenarioStepsSection"/>). Every mistake is collected with its place, like the rest of
/// the parser.
/// </summary>
internal static class ScenariosSection
{
    private static readonly string[] ScenarioKeys = ["name", "weight", "steps", "data", "cookies", "vars", "pacing", "load"];
    private static readonly string[] DataKeys = ["file", "order"];

    /// <summary>The scenarios, and one <see cref="RequestSpec"/> per request step (the recorder's and the report's view of them).</summary>
    public static (List<ScenarioSpec> Scenarios, List<RequestSpec> Steps) Read(
        PlanReader reader,
        YamlNode node,
        Uri target,
        IReadOnlyList<KeyValuePair<string, string>> defaultHeaders,
        TimeSpan defaultTimeout,
        string planPath,
        LoadModel? model,
        IReadOnlyList<CustomMetricSpec> metrics)
    {
        var context = new ScenarioReadContext(reader, target, defaultHeaders, defaultTimeout, planPath) { Model = model, Metrics = metrics };
        var scenarios = new List<ScenarioSpec>();
        if (reader.Sequence(node, "scenarios") is not { } sequence)
        {
            return (scenarios, context.Specs);
        }

        if (sequence.Children.Count == 0)
        {
            reader.Error(node, "scenarios is empty", "add at least one scenario with steps");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in sequence.Children)
        {
            if (reader.Mapping(item, "a scenario") is { } mapping && ReadScenario(context, mapping, scenarios.Count) is { } scenario)
            {
                if (!names.Add(scenario.Name))
                {
                    reader.Error(item, $"two scenarios are named '{scenario.Name}'", "give each scenario a distinct name");
                }

                scenarios.Add(scenario);
            }
        }

        return (scenarios, context.Specs);
    }
    private static ScenarioSpec? ReadScenario(ScenarioReadContext c, YamlMappingNode mapping, int index)
    {
        var reader = c.Reader;
        var e = reader.Entries(mapping, "a scenario", ScenarioKeys);
        var name = e.TryGetValue("name", out var n) ? reader.Text(n, "name") ?? $"scenario {index + 1}" : $"scenario {index + 1}";
        var weight = 1.0;
        if (e.TryGetValue("weight", out var w) && reader.Number(w, "weight") is { } wv)
        {
            if (wv > 0)
            {
                weight = wv;
            }
            else
            {
                reader.Error(w, $"weight must be positive, not {wv.ToString(CultureInfo.InvariantCulture)}", "weights are relative shares of iterations");
            }
        }

        var cookies = !e.TryGetValue("cookies", out var ck) || (reader.Boolean(ck, "cookies") ?? true);
        var vars = new Dictionary<string, string>(StringComparer.Ordinal);
        if (e.TryGetValue("vars", out var v) && reader.Mapping(v, "vars") is { } varMap)
        {
            foreach (var (key, value) in varMap.Children)
            {
                if (reader.Text(key, "a variable name") is { } varName && reader.Text(value, $"vars.{varName}") is { } varValue)
                {
                    vars[varName] = varValue;
                }
            }
        }

        // A scenario with its own load runs alongside the others on its own schedule (k6's scenarios with executors).
        var load = e.ContainsKey("load") ? LoadSection.Read(reader, mapping, e) : null;
        TimeSpan? pacing = null;
        if (e.TryGetValue("pacing", out var pc))
        {
            pacing = PlanParser.PositiveDuration(reader, pc, "pacing");
            if ((load?.Model ?? c.Model) == LoadModel.Open)
            {
                reader.Error(pc, "pacing applies to the closed model only", "in the open model the arrival rate already sets when iterations start");
            }
        }

        var data = e.TryGetValue("data", out var d) ? ReadData(c, d) : null;
        c.Columns = data?.Columns;
        List<FlowStep> steps = [];
        if (!e.TryGetValue("steps", out var s))
        {
            reader.Error(mapping, $"scenario '{name}' has no 'steps'", "add a list such as: steps: [{ path: /health }]");
        }
        else
        {
            steps = ScenarioStepsSection.Read(c, s, string.Empty);
        }

        return new ScenarioSpec { Name = name, Weight = weight, Steps = steps, Data = data, Cookies = cookies, Variables = vars, Pacing = pacing, Load = load, LoadPlace = load is null ? null : c.Place(e["load"]) };
    }
    private static ScenarioData? ReadData(ScenarioReadContext c, YamlNode node)
    {
        var reader = c.Reader;
        if (reader.Mapping(node, "data") is not { } mapping)
        {
            return null;
        }

        var e = reader.Entries(mapping, "data", DataKeys);
        if (!e.TryGetValue("file", out var f) || reader.Text(f, "data.file") is not { } file)
        {
            if (!e.ContainsKey("file"))
            {
                reader.Error(mapping, "data has no 'file'", "e.g. data: { file: users.csv, order: unique }");
            }

            return null;
        }

        var order = DataFeedOrder.Sequential;
        if (e.TryGetValue("order", out var o) && reader.Text(o, "data.order") is { } orderText)
        {
            if (!Enum.TryParse(orderText, ignoreCase: true, out order) || !Enum.IsDefined(order))
            {
                reader.Error(o, $"unknown data order '{orderText}'", "use sequential, random or unique");
                return null;
            }
        }

        var path = c.RelativeToPlan(file);
        try
        {
            return ScenarioData.Load(path, order);
        }
        catch (DataFileException ex)
        {
            reader.Error(f, ex.Message, "paths are relative to the plan file; CSV needs a header line, JSON Lines one object per line");
            return null;
        }
    }
}
