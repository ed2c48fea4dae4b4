using System.Globalization;
using System.Text.RegularExpressions;
using Pacer.Core.Plans.Scenarios.Checks;
using Pacer.Core.Plans.Scenarios;
using Pacer.Core.Transport;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Pacer.Core.Plans;

/// <summary>
/// Reads the <c>scenarios</c> list of a plan: user journeys made of request, think and group steps, with templates compiled
/// once here, extractions, checks and data files. Every mistake is collected with its place, like the rest of the parser.
/// </summary>
internal static class ScenariosSection
{
    private static readonly string[] ScenarioKeys = ["name", "weight", "steps", "data", "cookies", "vars", "pacing", "load"];
    private static readonly string[] RequestKeys = ["name", "method", "path", "query", "headers", "body", "body_file", "form", "timeout", "extract", "checks", "record", "probability"];
    private static readonly string[] ThinkKeys = ["think", "probability"];
    private static readonly string[] GroupKeys = ["group", "steps", "probability"];
    private static readonly string[] DataKeys = ["file", "order"];
    private static readonly string[] RecordKeys = ["metric", "value"];
    private static readonly string[] ExtractKeys = ["var", "json", "header", "cookie", "regex", "scope"];
    private static readonly string[] CheckKeys = ["name", "status", "header", "equals", "body_contains", "body_matches", "json", "exists", "lt", "gt", "duration_under", "abort_iteration"];

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
        var context = new Context(reader, target, defaultHeaders, defaultTimeout, planPath) { Model = model, Metrics = metrics };
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

    private static ScenarioSpec? ReadScenario(Context c, YamlMappingNode mapping, int index)
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
            steps = ReadSteps(c, s, name, string.Empty);
        }

        return new ScenarioSpec { Name = name, Weight = weight, Steps = steps, Data = data, Cookies = cookies, Variables = vars, Pacing = pacing, Load = load };
    }

    private static ScenarioData? ReadData(Context c, YamlNode node)
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

    private static List<FlowStep> ReadSteps(Context c, YamlNode node, string scenario, string group)
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
                : keys.Contains("group") ? ReadGroup(c, mapping, scenario)
                : ReadRequest(c, mapping, scenario, group);
            if (step is not null)
            {
                steps.Add(step);
            }
        }

        return steps;
    }

    private static ThinkStep? ReadThink(Context c, YamlMappingNode mapping)
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

        if (!valid || min < TimeSpan.Zero || max < min)
        {
            reader.Error(e["think"], $"think must be a duration or a range, not '{text}'", "e.g. think: 1s, or think: 1s..3s (uniform between the two)");
            return null;
        }

        return new ThinkStep { Min = min, Max = max, Probability = probability, Location = c.Location(mapping) };
    }

    private static GroupStep? ReadGroup(Context c, YamlMappingNode mapping, string scenario)
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

        return new GroupStep { Name = name, Steps = ReadSteps(c, s, scenario, name), Probability = probability, Location = c.Location(mapping) };
    }

    private static RequestStep? ReadRequest(Context c, YamlMappingNode mapping, string scenario, string group)
    {
        var reader = c.Reader;
        var e = reader.Entries(mapping, "a request step", RequestKeys);
        var before = reader.Errors.Count;
        var probability = Probability(c, e);
        var method = RequestsSection.ReadMethod(reader, e);

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
        var url = c.Compile(p, urlText, "path", urlText.StartsWith(pathText, StringComparison.Ordinal) ? 0 : urlText.IndexOf(pathText, StringComparison.Ordinal));
        var headers = RequestsSection.MergeHeaders(reader, e, c.DefaultHeaders);
        e.TryGetValue("headers", out var h);

        string? body = null;
        if (e.TryGetValue("body", out var b))
        {
            body = RequestsSection.Body(reader, b, headers);
        }

        if (e.TryGetValue("body_file", out var bf) && reader.Text(bf, "body_file") is { } bodyFile)
        {
            if (body is not null)
            {
                reader.Error(bf, "give either 'body' or 'body_file', not both");
            }

            var full = c.RelativeToPlan(bodyFile);
            try
            {
                body = InputFile.ReadText(full, InputFile.MaxBodyBytes);
                b = bf;
            }
            catch (InputFileException ex)
            {
                reader.Error(bf, $"cannot read body_file '{bodyFile}': {ex.Message}", "paths are relative to the plan file");
            }
        }

        if (e.TryGetValue("form", out var f) && reader.Mapping(f, "form") is { } form)
        {
            if (body is not null)
            {
                reader.Error(f, "give either 'body' or 'form', not both");
            }

            // A form is sent URL-encoded; placeholders inside values are rendered first, then sent as written.
            body = string.Join('&', form.Children.Select(kv => $"{Uri.EscapeDataString(((YamlScalarNode)kv.Key).Value ?? string.Empty)}={(kv.Value as YamlScalarNode)?.Value ?? string.Empty}"));
            if (!headers.Exists(x => string.Equals(x.Key, "Content-Type", StringComparison.OrdinalIgnoreCase)))
            {
                headers.Add(new("Content-Type", "application/x-www-form-urlencoded"));
            }
        }

        var headerTemplates = headers
            .Select(x => (x.Key, Value: c.Compile(h ?? mapping, x.Value, $"header {x.Key}")))
            .Where(x => x.Value is not null)
            .Select(x => new HeaderTemplate(x.Key, x.Value!))
            .ToList();
        var bodyTemplate = body is null ? null : c.Compile(b ?? f!, body, "body");
        var timeout = e.TryGetValue("timeout", out var t) ? PlanParser.PositiveDuration(reader, t, "timeout") ?? c.DefaultTimeout : c.DefaultTimeout;
        var extractions = e.TryGetValue("extract", out var x) ? ReadExtractions(c, x) : [];
        var checks = e.TryGetValue("checks", out var k) ? ReadChecks(c, k) : [];
        var records = e.TryGetValue("record", out var rec) ? ReadRecords(c, rec) : [];

        var stepName = e.TryGetValue("name", out var n) ? reader.Text(n, "name") : null;
        stepName ??= $"{method} {PathOf(pathText)}";
        if (group.Length > 0)
        {
            stepName = $"{group} › {stepName}";
        }

        if (!c.StepNames.Add(stepName))
        {
            reader.Error(n ?? (YamlNode)mapping, $"two request steps are named '{stepName}'", "give each request step a distinct name (results are reported per name), e.g. name: create session");
        }

        if (reader.Errors.Count > before || url is null)
        {
            return null;
        }

        if (!Uri.TryCreate(urlText, UriKind.Absolute, out var reportUrl))
        {
            reportUrl = c.Target;
        }

        var index = c.Specs.Count;
        c.Specs.Add(new RequestSpec(stepName, method, reportUrl, headers, body, 1, timeout));
        return new RequestStep
        {
            Name = stepName,
            MetricIndex = index,
            Method = method,
            Url = url,
            Headers = headerTemplates,
            Body = bodyTemplate,
            Timeout = timeout,
            Extractions = extractions,
            Checks = checks,
            Records = records,
            Probability = probability,
            Location = c.Location(mapping),
        };
    }

    private static List<Extraction> ReadExtractions(Context c, YamlNode node)
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

    private static List<MetricRecord> ReadRecords(Context c, YamlNode node)
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

    private static List<ResponseCheck> ReadChecks(Context c, YamlNode node)
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
                reader.Error(mapping, "a check needs exactly one of status, header, body_contains, body_matches, json, duration_under", "e.g. - { status: 2xx } or - { json: $.token, exists: true }");
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

    private static ResponseCheck? ReadCheck(Context c, string kind, Dictionary<string, YamlNode> e, string? name, bool abort)
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
                var equals = e.TryGetValue("equals", out var eq) ? reader.Text(eq, "equals") : null;
                return header is null ? null : new HeaderCheck(name ?? (equals is null ? $"header {header} present" : $"header {header} is {equals}"), header, equals) { AbortIteration = abort };
            case "body_contains":
                return reader.Text(node, "body_contains") is { } text ? new BodyContainsCheck(name ?? $"body contains '{text}'", text) { AbortIteration = abort } : null;
            case "body_matches":
                return reader.Text(node, "body_matches") is { } pattern && c.Regex(node, pattern) is { } regex ? new BodyMatchesCheck(name ?? $"body matches /{pattern}/", regex) { AbortIteration = abort } : null;
            case "duration_under":
                return PlanParser.PositiveDuration(reader, node, "duration_under") is { } bound ? new DurationCheck(name ?? $"duration under {Describe(node)}", bound) { AbortIteration = abort } : null;
            default:
                if (reader.Text(node, "json") is not { } path || c.JsonPath(node, path) is not { } expression)
                {
                    return null;
                }

                var (condition, expected, what) = e.TryGetValue("equals", out var je) ? (JsonCondition.Equals, reader.Text(je, "equals"), $"is {Describe(je)}")
                    : e.TryGetValue("lt", out var lt) ? (JsonCondition.LessThan, Numeric(c, lt, "lt"), $"< {Describe(lt)}")
                    : e.TryGetValue("gt", out var gt) ? (JsonCondition.GreaterThan, Numeric(c, gt, "gt"), $"> {Describe(gt)}")
                    : (JsonCondition.Exists, null, "exists");
                return condition != JsonCondition.Exists && expected is null ? null : new JsonCheck(name ?? $"{path} {what}", expression, condition, expected) { AbortIteration = abort };
        }
    }

    private static List<(int Min, int Max)>? StatusRanges(Context c, YamlNode node)
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

    private static string? Numeric(Context c, YamlNode node, string what) =>
        c.Reader.Number(node, what) is { } value ? value.ToString(CultureInfo.InvariantCulture) : null;

    private static double Probability(Context c, Dictionary<string, YamlNode> e)
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

    private static string Describe(YamlNode node) => node switch
    {
        YamlScalarNode s => s.Value ?? string.Empty,
        YamlSequenceNode s => string.Join(" or ", s.Children.Select(Describe)),
        _ => node.ToString(),
    };

    private static string PathOf(string path)
    {
        var cut = path.IndexOfAny(['?', '#']);
        return cut >= 0 ? path[..cut] : path;
    }

    /// <summary>What every step reader needs: the reader, the plan's defaults, and the names and specs collected so far.</summary>
    private sealed class Context(PlanReader reader, Uri target, IReadOnlyList<KeyValuePair<string, string>> defaultHeaders, TimeSpan defaultTimeout, string planPath)
    {
        /// <summary>How long one match of a check's or extraction's pattern may run before it is a script error of the step.</summary>
        private static readonly TimeSpan RegexTimeout = TimeSpan.FromSeconds(1);

        public PlanReader Reader { get; } = reader;

        public Uri Target { get; } = target;

        public IReadOnlyList<KeyValuePair<string, string>> DefaultHeaders { get; } = defaultHeaders;

        public TimeSpan DefaultTimeout { get; } = defaultTimeout;

        public string PlanPath { get; } = planPath;

        public List<RequestSpec> Specs { get; } = [];

        public HashSet<string> StepNames { get; } = new(StringComparer.Ordinal);

        /// <summary>The plan's own metrics, which <c>record</c> entries feed.</summary>
        public IReadOnlyList<CustomMetricSpec> Metrics { get; init; } = [];

        /// <summary>The plan's load model, when it could be read (some keys apply to one model only).</summary>
        public LoadModel? Model { get; init; }

        /// <summary>
        /// Names the columns only when they look like names: a file that is not a data file (a mistyped path, /etc/shadow) has
        /// its first line as the "header", and an error message must not print what a file holds.
        /// </summary>
        private static string ColumnsHint(IReadOnlyList<string> columns) =>
            columns.All(x => x.Length <= 64 && x.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '_' or '-' or '.' or ' '))
                ? $"its columns are {string.Join(", ", columns)}"
                : $"its header (the first line) does not look like column names; is it the right file?";

        /// <summary>Columns of the current scenario's data file, to check <c>${data.x}</c> at load.</summary>
        public IReadOnlyList<string>? Columns { get; set; }

        /// <summary>A file named in the plan: absolute as given, else relative to the plan file's folder.</summary>
        public string RelativeToPlan(string file) =>
            Path.IsPathRooted(file) ? file : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(PlanPath)) ?? ".", file);

        public string Location(YamlNode node) => $"{PlanPath}:{node.Start.Line}:{node.Start.Column}";

        public Template? Compile(YamlNode node, string text, string what, int prefixLength = 0)
        {
            try
            {
                var template = Template.Compile(text);
                foreach (var column in template.DataColumns)
                {
                    if (Columns is null)
                    {
                        Reader.Error(node, $"{what} uses ${{data.{column}}} but the scenario has no data file", "add data: { file: rows.csv } to the scenario");
                    }
                    else if (!Columns.Contains(column, StringComparer.Ordinal))
                    {
                        Reader.Error(node, $"{what} uses ${{data.{column}}} but the data file has no column '{column}'", ColumnsHint(Columns));
                    }
                }

                return template;
            }
            catch (TemplateSyntaxException e)
            {
                Reader.Error(Offset(node, Math.Max(1, e.Column - prefixLength)), $"{what}: {e.Message}");
                return null;
            }
        }

        public JsonPathExpression? JsonPath(YamlNode node, string path)
        {
            try
            {
                return JsonPathExpression.Parse(path);
            }
            catch (JsonPathSyntaxException e)
            {
                Reader.Error(Offset(node, e.Column), e.Message);
                return null;
            }
        }

        public Regex? Regex(YamlNode node, string pattern)
        {
            try
            {
                // The non-backtracking engine matches in time linear in the body, so a pattern like ^(a+)+$ cannot hang a
                // user on a hostile body; it finds the same matches and groups. It refuses backreferences, lookarounds and
                // atomic groups: those patterns use the backtracking engine, bounded by the timeout (a script error).
                return new Regex(pattern, RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, RegexTimeout);
            }
            catch (NotSupportedException)
            {
                // Not an error: the pattern needs backtracking (see above); it is still compiled and checked below.
            }
            catch (ArgumentException e)
            {
                Reader.Error(node, $"'{pattern}' is not a valid regular expression: {e.Message}");
                return null;
            }

            try
            {
                return new Regex(pattern, RegexOptions.CultureInvariant, RegexTimeout);
            }
            catch (ArgumentException e)
            {
                Reader.Error(node, $"'{pattern}' is not a valid regular expression: {e.Message}");
                return null;
            }
        }

        /// <summary>The place of a column inside a one-line scalar (quoted scalars start one column later).</summary>
        private static Mark Offset(YamlNode node, int column)
        {
            var quoted = node is YamlScalarNode { Style: ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted } ? 1 : 0;
            return new Mark(node.Start.Index + quoted + column - 1, node.Start.Line, node.Start.Column + quoted + column - 1);
        }
    }
}
