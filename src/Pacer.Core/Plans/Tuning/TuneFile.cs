using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Pacer.Core.Plans.Tuning;

/// <summary>
/// Reads a tune file (docs/tuning.md) into a <see cref="TuneSpec"/>, reporting every mistake at once with its
/// file:line:column and what would be right, as the plan reader does. Its <c>service:</c> section is read by the plan's own
/// <c>watch:</c> reader (same keys, same checks), except <c>ready</c>, which may hold placeholders here.
/// </summary>
public static partial class TuneFile
{
    private static readonly string[] Keys = ["name", "service", "port", "plan", "target", "duration", "slo", "knobs", "config", "objective", "search", "trials", "seed", "prune", "confirm", "capacity"];
    private static readonly string[] KnobKeys = ["values", "range", "step", "log", "default", "env"];
    private static readonly string[] ObjectiveNames = ["throughput", "capacity", "p99", "cpu_per_request"];
    private static readonly string[] SearchNames = ["auto", "grid", "bayesian", "random", "forest"];

    /// <summary>The most trials a tune file may ask for.</summary>
    public const int MaxTrials = 1000;

    /// <summary>The most confirmation runs a side.</summary>
    public const int MaxConfirmRuns = 20;

    /// <summary>Reads the tune file at <paramref name="path"/>.</summary>
    /// <exception cref="PlanException">The file cannot be read, or every mistake in it with its place.</exception>
    public static TuneSpec Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = InputFile.ReadText(path, InputFile.MaxPlanBytes);
        }
        catch (InputFileException e)
        {
            throw new PlanException([new PlanError(path, 0, 0, $"cannot read the tune file: {e.Message}")]);
        }

        return Parse(text, path);
    }

    /// <summary>Parses tune-file text; <paramref name="path"/> names it in errors, and relative paths in it are relative to its folder.</summary>
    /// <exception cref="PlanException">Every mistake, with its place.</exception>
    public static TuneSpec Parse(string text, string path)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(path);
        var reader = new PlanReader(path);
        var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path)) ?? ".";
        var root = YamlText.RootOf(text, path)
            ?? throw new PlanException([new PlanError(path, 0, 0, "the tune file is empty", "give service:, plan:, knobs: and objective: (docs/tuning.md)")]);
        if (reader.Mapping(root, "a tune file") is not { } mapping)
        {
            throw new PlanException(reader.Errors);
        }

        var entries = reader.Entries(mapping, "the tune file", Keys);
        foreach (var required in new[] { "service", "plan", "knobs" })
        {
            if (!entries.ContainsKey(required))
            {
                reader.Error(mapping, $"the tune file has no '{required}:'", required switch
                {
                    "service" => "service: { command: \"./server --port {port} --workers {workers}\", ready: \"http://127.0.0.1:{port}/health\" }",
                    "plan" => "plan: short-plan.yaml, the plan each trial runs (relative to this file)",
                    _ => "knobs: { workers: { values: [1, 2, 4, 8], default: 4 } }",
                });
            }
        }

        var knobs = entries.TryGetValue("knobs", out var knobsNode) ? Knobs(reader, knobsNode) : [];
        var names = new HashSet<string>(knobs.Select(k => k.Name), StringComparer.Ordinal) { "port" };
        var used = new HashSet<string>(StringComparer.Ordinal);

        WatchSpec service = new();
        string? ready = null;
        if (entries.TryGetValue("service", out var serviceNode) && reader.Mapping(serviceNode, "service") is { } serviceMapping)
        {
            (service, ready) = Service(reader, serviceMapping, names, used);
        }

        int? port = null;
        if (entries.TryGetValue("port", out var portNode))
        {
            if (portNode is YamlScalarNode { Value: "auto" })
            {
                port = null;
            }
            else if (reader.Integer(portNode, "port") is { } number)
            {
                port = number is >= 1 and <= 65535 ? (int)number : Bad<int?>(reader, portNode, $"port {number} is outside 1–65535", "or port: auto for a free port at each start");
            }
        }

        var planPath = string.Empty;
        if (entries.TryGetValue("plan", out var planNode) && reader.Text(planNode, "plan") is { } plan)
        {
            planPath = System.IO.Path.GetFullPath(System.IO.Path.Combine(folder, plan));
            if (!File.Exists(planPath))
            {
                reader.Error(planNode, $"plan '{plan}' does not exist ({planPath})", "the plan each trial runs, relative to the tune file's folder");
            }
        }

        string? target = null;
        if (entries.TryGetValue("target", out var targetNode) && reader.Text(targetNode, "target") is { } targetText)
        {
            target = Template(reader, targetNode, targetText, "target", names, used);
            if (target is not null && !IsHttpUrl(TuneTemplate.Fill(target, Sample(knobs))))
            {
                reader.Error(targetNode, $"target '{targetText}' is not an http:// or https:// URL", "e.g. target: \"http://127.0.0.1:{port}\"");
            }
        }

        TimeSpan? duration = entries.TryGetValue("duration", out var durationNode) ? PlanParser.PositiveDuration(reader, durationNode, "duration") : null;
        var slo = entries.TryGetValue("slo", out var sloNode) ? Slo(reader, sloNode, folder) : [];

        TuneConfigFile? config = null;
        if (entries.TryGetValue("config", out var configNode) && reader.Mapping(configNode, "config") is { } configMapping)
        {
            var configEntries = reader.Entries(configMapping, "config", ["path", "template"]);
            var configPath = configEntries.TryGetValue("path", out var p) ? reader.Text(p, "config.path") : Bad<string?>(reader, configMapping, "config has no path", "config: { path: service.json, template: ... }");
            var template = configEntries.TryGetValue("template", out var t) && reader.Text(t, "config.template") is { } templateText
                ? Template(reader, t, templateText, "config.template", names, used)
                : Bad<string?>(reader, configMapping, "config has no template", "the file's text with {knob} placeholders, e.g. template: |\n  workers = {workers}");
            if (configPath is not null && template is not null)
            {
                config = new TuneConfigFile(System.IO.Path.GetFullPath(System.IO.Path.Combine(folder, configPath)), template);
            }
        }

        var objective = entries.TryGetValue("objective", out var objectiveNode) ? Choice(reader, objectiveNode, "objective", ObjectiveNames) : 0;
        var search = entries.TryGetValue("search", out var searchNode) ? Choice(reader, searchNode, "search", SearchNames) : 0;
        var trials = 20;
        if (entries.TryGetValue("trials", out var trialsNode) && reader.Integer(trialsNode, "trials") is { } trialCount)
        {
            trials = trialCount is >= 1 and <= MaxTrials ? (int)trialCount : Bad<int>(reader, trialsNode, $"trials {trialCount} is outside 1–{MaxTrials}", "10–30 is usual: each trial restarts the service and runs the plan");
        }

        ulong seed = 1;
        if (entries.TryGetValue("seed", out var seedNode) && reader.Integer(seedNode, "seed") is { } seedValue)
        {
            seed = seedValue >= 0 ? (ulong)seedValue : Bad<ulong>(reader, seedNode, "seed cannot be negative", "any whole number from 0");
        }

        TunePrune? prune = null;
        if (entries.TryGetValue("prune", out var pruneNode) && reader.Mapping(pruneNode, "prune") is { } pruneMapping)
        {
            var pruneEntries = reader.Entries(pruneMapping, "prune", ["after", "worse_than"]);
            var after = pruneEntries.TryGetValue("after", out var a) ? PlanParser.PositiveDuration(reader, a, "prune.after") : TimeSpan.FromSeconds(2);
            double? worse = 0.5;
            if (pruneEntries.TryGetValue("worse_than", out var w) && (worse = reader.Number(w, "prune.worse_than")) is { } fraction && fraction is <= 0 or >= 1)
            {
                worse = Bad<double?>(reader, w, $"prune.worse_than {fraction.ToString(CultureInfo.InvariantCulture)} is outside (0, 1)", "the fraction of the best trial's objective below which a trial is stopped, e.g. 0.5");
            }

            if (after is not null && worse is not null)
            {
                prune = new TunePrune(after.Value, worse.Value);
            }
        }

        var confirmRuns = 3;
        if (entries.TryGetValue("confirm", out var confirmNode) && reader.Mapping(confirmNode, "confirm") is { } confirmMapping)
        {
            var confirmEntries = reader.Entries(confirmMapping, "confirm", ["runs"]);
            if (confirmEntries.TryGetValue("runs", out var r) && reader.Integer(r, "confirm.runs") is { } runs)
            {
                confirmRuns = runs is >= 0 and <= MaxConfirmRuns ? (int)runs : Bad<int>(reader, r, $"confirm.runs {runs} is outside 0–{MaxConfirmRuns}", "3 runs a side is the usual minimum for compare's statistics; 0 skips the confirmation");
            }
        }

        TuneCapacity? capacity = null;
        if (entries.TryGetValue("capacity", out var capacityNode))
        {
            capacity = Capacity(reader, capacityNode);
            if (objective != (int)TuneObjective.Capacity)
            {
                reader.Error(capacityNode, "capacity: shapes the search of objective: capacity", "set objective: capacity, or leave capacity: out");
            }
        }
        else if (objective == (int)TuneObjective.Capacity)
        {
            reader.Error(objectiveNode, "objective: capacity needs a capacity: section", "capacity: { start: 200, min: 10, max: 20000 }: arrival rates a second, where the search starts and its bounds");
        }

        if (confirmRuns > 0 && knobsNode is not null)
        {
            foreach (var knob in knobs.Where(k => k.Default is null))
            {
                reader.Error(KeyNode(knobsNode, knob.Name), $"knob '{knob.Name}' has no default", "the winner is confirmed against the default settings: give default: (the value the service runs with today), or set confirm: { runs: 0 }");
            }
        }

        if (knobsNode is not null)
        {
            foreach (var knob in knobs.Where(k => !used.Contains(k.Name) && k.Environment is null))
            {
                reader.Error(KeyNode(knobsNode, knob.Name), $"knob '{knob.Name}' reaches the service nowhere", $"use {{{knob.Name}}} in service.command, service.env or config.template, or give it env: NAME");
            }
        }

        if (reader.Errors.Count > 0)
        {
            throw new PlanException(reader.Errors);
        }

        var name = entries.TryGetValue("name", out var nameNode) && reader.Text(nameNode, "name") is { } n ? n : System.IO.Path.GetFileNameWithoutExtension(path);
        return new TuneSpec
        {
            Name = name,
            Path = path,
            Service = service,
            ReadyTemplate = ready,
            Port = port,
            PlanPath = planPath,
            TargetTemplate = target,
            Duration = duration,
            SloPaths = slo,
            Knobs = knobs,
            Config = config,
            Objective = (TuneObjective)objective,
            Search = (TuneSearch)search,
            Capacity = capacity,
            Trials = trials,
            Seed = seed,
            Prune = prune,
            ConfirmRuns = confirmRuns,
        };
    }

    private static (WatchSpec Service, string? Ready) Service(PlanReader reader, YamlMappingNode mapping, HashSet<string> names, HashSet<string> used)
    {
        // The ready URL may hold {port}, which the watch reader would refuse as a URL: it is read here, the rest there.
        var readyEntry = mapping.Children.FirstOrDefault(e => e.Key is YamlScalarNode { Value: "ready" });
        var rest = new YamlMappingNode(mapping.Children.Where(e => e.Key is not YamlScalarNode { Value: "ready" }));
        if (!mapping.Children.Any(e => e.Key is YamlScalarNode { Value: "command" }))
        {
            reader.Error(mapping, "service has no command", "the command line that starts the service, with the knobs as placeholders: command: \"./server --port {port} --workers {workers}\"");
        }

        var spec = WatchSection.Read(reader, rest) ?? new WatchSpec();
        if (spec.Command is { } command && mapping.Children.First(e => e.Key is YamlScalarNode { Value: "command" }).Value is var commandNode)
        {
            Template(reader, commandNode, command, "service.command", names, used);
        }

        if (mapping.Children.FirstOrDefault(e => e.Key is YamlScalarNode { Value: "env" }).Value is YamlMappingNode envNode)
        {
            foreach (var (key, value) in envNode.Children)
            {
                if (value is YamlScalarNode { Value: { } text })
                {
                    Template(reader, value, text, $"service.env.{(key as YamlScalarNode)?.Value}", names, used);
                }
            }
        }

        string? ready = null;
        if (readyEntry.Value is { } readyNode && reader.Text(readyNode, "service.ready") is { } readyText)
        {
            ready = Template(reader, readyNode, readyText, "service.ready", names, used);
            if (ready is not null && !IsHttpUrl(Regex.Replace(ready, @"\{[A-Za-z_][A-Za-z0-9_]*\}", "1")))
            {
                reader.Error(readyNode, $"service.ready '{readyText}' is not an http:// or https:// URL", "the URL that answers 2xx once the service is ready, e.g. ready: \"http://127.0.0.1:{port}/health\"");
            }
        }

        return (spec, ready);
    }

    private static TuneCapacity? Capacity(PlanReader reader, YamlNode node)
    {
        if (reader.Mapping(node, "capacity") is not { } mapping)
        {
            return null;
        }

        var entries = reader.Entries(mapping, "capacity", ["start", "min", "max", "precision", "repeats", "max_steps"]);
        double? Rate(string key)
        {
            if (!entries.TryGetValue(key, out var n))
            {
                reader.Error(mapping, $"capacity has no {key}", "capacity: { start: 200, min: 10, max: 20000 } (arrivals a second)");
                return null;
            }

            return reader.Number(n, $"capacity.{key}") is { } v && v > 0 ? v : Bad<double?>(reader, n, $"capacity.{key} must be a rate above 0", "arrivals a second, e.g. 200");
        }

        var (start, min, max) = (Rate("start"), Rate("min"), Rate("max"));
        if (start is null || min is null || max is null)
        {
            return null;
        }

        if (!(min <= start && start <= max))
        {
            reader.Error(mapping, $"capacity: start {Text(start.Value)} must lie between min {Text(min.Value)} and max {Text(max.Value)}", "min ≤ start ≤ max");
            return null;
        }

        var capacity = new TuneCapacity(start.Value, min.Value, max.Value);
        if (entries.TryGetValue("precision", out var p) && reader.Number(p, "capacity.precision") is { } precision)
        {
            capacity = precision is > 0 and < 1 ? capacity with { Precision = precision } : Bad<TuneCapacity>(reader, p, "capacity.precision must be a fraction between 0 and 1", "0.1 narrows the bracket to 10%");
        }

        if (entries.TryGetValue("repeats", out var r) && reader.Integer(r, "capacity.repeats") is { } repeats)
        {
            capacity = repeats is >= 1 and <= 10 ? capacity with { Repeats = (int)repeats } : Bad<TuneCapacity>(reader, r, "capacity.repeats must be 1–10", "1 is enough inside a tuning run");
        }

        if (entries.TryGetValue("max_steps", out var m) && reader.Integer(m, "capacity.max_steps") is { } steps)
        {
            capacity = steps is >= 2 and <= 200 ? capacity with { MaxSteps = (int)steps } : Bad<TuneCapacity>(reader, m, "capacity.max_steps must be 2–200", "each step runs the plan once");
        }

        return capacity;
    }

    private static List<TuneKnob> Knobs(PlanReader reader, YamlNode node)
    {
        var knobs = new List<TuneKnob>();
        if (reader.Mapping(node, "knobs") is not { } mapping)
        {
            return knobs;
        }

        if (mapping.Children.Count == 0)
        {
            reader.Error(mapping, "knobs is empty", "knobs: { workers: { values: [1, 2, 4, 8], default: 4 } }");
        }

        foreach (var (keyNode, value) in mapping.Children)
        {
            var name = (keyNode as YamlScalarNode)?.Value ?? string.Empty;
            if (!KnobName().IsMatch(name) || name == "port")
            {
                reader.Error(keyNode, $"'{name}' cannot be a knob's name", name == "port" ? "{port} is the service's port, filled in by pacer tune" : "letters, digits and underscores, starting with a letter (it is the placeholder {name})");
                continue;
            }

            if (Knob(reader, name, value) is { } knob)
            {
                knobs.Add(knob);
            }
        }

        return knobs;
    }

    private static TuneKnob? Knob(PlanReader reader, string name, YamlNode node)
    {
        var where = $"knobs.{name}";
        if (reader.Mapping(node, where) is not { } mapping)
        {
            return null;
        }

        var entries = reader.Entries(mapping, where, KnobKeys);
        var hasValues = entries.TryGetValue("values", out var valuesNode);
        var hasRange = entries.TryGetValue("range", out var rangeNode);
        if (hasValues == hasRange)
        {
            reader.Error(mapping, $"{where} needs either values: or range:", "values: [1, 2, 4, 8] (a list), or range: [100, 800] (whole numbers) / range: [0.1, 0.9] (reals)");
            return null;
        }

        TuneKnob knob;
        if (hasValues)
        {
            if (reader.Sequence(valuesNode!, $"{where}.values") is not { } list)
            {
                return null;
            }

            var values = list.Children.Select(v => v is YamlScalarNode { Value: { } text } ? text : Bad<string?>(reader, v, $"{where}.values holds {PlanReader.Describe(v)}", "each value is a number or a word")).ToList();
            if (values.Any(v => v is null))
            {
                return null;
            }

            if (values.Count < 2)
            {
                reader.Error(list, $"{where}.values has {values.Count} value{(values.Count == 1 ? string.Empty : "s")}", "a knob the tuner may turn has at least two values");
                return null;
            }

            if (values.GroupBy(v => v).FirstOrDefault(g => g.Count() > 1) is { } twice)
            {
                reader.Error(list, $"{where}.values lists '{twice.Key}' twice", "each value once");
                return null;
            }

            knob = new TuneKnob { Name = name, Values = values! };
        }
        else
        {
            if (reader.Sequence(rangeNode!, $"{where}.range") is not { } range || range.Children.Count != 2)
            {
                if (rangeNode is YamlSequenceNode)
                {
                    reader.Error(rangeNode, $"{where}.range has {((YamlSequenceNode)rangeNode).Children.Count} numbers", "two: range: [low, high]");
                }

                return null;
            }

            var low = reader.Number(range.Children[0], $"{where}.range low end");
            var high = reader.Number(range.Children[1], $"{where}.range high end");
            if (low is null || high is null)
            {
                return null;
            }

            if (low >= high)
            {
                reader.Error(range, $"{where}.range [{Text(low.Value)}, {Text(high.Value)}] is empty or reversed", "range: [low, high] with low below high");
                return null;
            }

            var integer = range.Children.All(c => long.TryParse(((YamlScalarNode)c).Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _));
            knob = new TuneKnob { Name = name, Low = low.Value, High = high.Value, Integer = integer };
            if (entries.TryGetValue("step", out var stepNode) && reader.Number(stepNode, $"{where}.step") is { } step)
            {
                if (step <= 0 || step > high - low || (integer && step != Math.Round(step)))
                {
                    reader.Error(stepNode, $"{where}.step {Text(step)} does not fit the range", $"a {(integer ? "whole number" : "number")} above 0 and at most {Text(high.Value - low.Value)}");
                }
                else
                {
                    knob = knob with { Step = step };
                }
            }

            if (entries.TryGetValue("log", out var logNode) && reader.Boolean(logNode, $"{where}.log") is { } log)
            {
                if (log && low <= 0)
                {
                    reader.Error(logNode, $"{where}.log needs a range above zero", "a logarithmic scale starts above 0, e.g. range: [1, 64]");
                }
                else if (log && knob.Step is not null)
                {
                    reader.Error(logNode, $"{where}: log and step do not go together", "a step makes the values evenly spaced; list them with values: instead");
                }
                else
                {
                    knob = knob with { Log = log };
                }
            }
        }

        if ((entries.ContainsKey("step") || entries.ContainsKey("log")) && hasValues)
        {
            reader.Error(entries.ContainsKey("step") ? entries["step"] : entries["log"], $"{where}: step and log shape a range", "list the values you want, or use range:");
        }

        if (entries.TryGetValue("default", out var defaultNode) && reader.Text(defaultNode, $"{where}.default") is { } defaultValue)
        {
            if (knob.UnitOf(defaultValue) is null)
            {
                reader.Error(defaultNode, $"{where}.default '{defaultValue}' is not one of its values", knob.Values is { } v ? $"one of {string.Join(", ", v)}" : $"a {(knob.Integer ? "whole number" : "number")} in [{Text(knob.Low)}, {Text(knob.High)}]{(knob.Step is { } s ? $" in steps of {Text(s)}" : string.Empty)}");
            }
            else
            {
                knob = knob with { Default = defaultValue };
            }
        }

        if (entries.TryGetValue("env", out var envNode) && reader.Text(envNode, $"{where}.env") is { } env)
        {
            if (env.Length == 0 || env.Contains('=', StringComparison.Ordinal) || env.Contains('\0', StringComparison.Ordinal))
            {
                reader.Error(envNode, $"{where}.env '{env}' cannot be an environment variable's name", "e.g. env: WORKERS");
            }
            else
            {
                knob = knob with { Environment = env };
            }
        }

        return knob;
    }

    private static List<string> Slo(PlanReader reader, YamlNode node, string folder)
    {
        var nodes = node is YamlSequenceNode list ? list.Children.ToList() : [node];
        var paths = new List<string>();
        foreach (var item in nodes)
        {
            if (reader.Text(item, "slo") is not { } text)
            {
                continue;
            }

            var full = System.IO.Path.GetFullPath(System.IO.Path.Combine(folder, text));
            if (!File.Exists(full))
            {
                reader.Error(item, $"SLO file '{text}' does not exist ({full})", "a performance_targets file, relative to the tune file's folder");
            }
            else
            {
                paths.Add(full);
            }
        }

        return paths;
    }

    /// <summary><paramref name="text"/> when its placeholders are all knobs or <c>{port}</c>; records the names used.</summary>
    private static string? Template(PlanReader reader, YamlNode node, string text, string what, HashSet<string> names, HashSet<string> used)
    {
        var unknown = TuneTemplate.Names(text).Where(n => !names.Contains(n)).Distinct().ToList();
        foreach (var name in unknown)
        {
            var suggestion = KeySuggester.Suggest(name, [.. names]);
            reader.Error(node, $"{what} uses {{{name}}}, which is not a knob", suggestion is null ? $"the placeholders are {{port}} and the knobs: {string.Join(", ", names.Where(n => n != "port").Select(n => $"{{{n}}}"))}" : $"did you mean {{{suggestion}}}?");
        }

        used.UnionWith(TuneTemplate.Names(text));
        return unknown.Count == 0 ? text : null;
    }

    private static int Choice(PlanReader reader, YamlNode node, string what, string[] allowed)
    {
        if (reader.Text(node, what) is not { } text)
        {
            return 0;
        }

        var index = Array.IndexOf(allowed, text);
        if (index < 0)
        {
            var suggestion = KeySuggester.Suggest(text, allowed);
            reader.Error(node, $"{what} '{text}' is not one Pacer knows", suggestion is null ? $"one of {string.Join(", ", allowed)}" : $"did you mean '{suggestion}'?");
            return 0;
        }

        return index;
    }

    private static Dictionary<string, string> Sample(IEnumerable<TuneKnob> knobs)
    {
        var sample = knobs.ToDictionary(k => k.Name, k => k.ValueAt(0), StringComparer.Ordinal);
        sample["port"] = "8080";
        return sample;
    }

    private static YamlNode KeyNode(YamlNode knobs, string name) =>
        (knobs as YamlMappingNode)?.Children.FirstOrDefault(e => e.Key is YamlScalarNode { Value: var v } && v == name).Key ?? knobs;

    private static bool IsHttpUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    private static T Bad<T>(PlanReader reader, YamlNode node, string message, string hint)
    {
        reader.Error(node, message, hint);
        return default!;
    }

    private static string Text(double value) => value.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]*$")]
    private static partial Regex KnobName();
}
