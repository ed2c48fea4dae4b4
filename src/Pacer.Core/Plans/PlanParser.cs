using System.Text.RegularExpressions;
using Pacer.Core.Plans.Scenarios;
using Pacer.Core.Transport;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Pacer.Core.Plans;

/// <summary>
/// Reads a YAML plan into a validated <see cref="LoadPlan"/>, or throws <see cref="PlanException"/> listing every mistake with
/// <c>file:line:column</c> and a hint. The format is documented in docs/plan-reference.md.
/// </summary>
public static partial class PlanParser
{
    private static readonly string[] RootKeys = ["name", "target", "http2", "insecure_skip_tls_verify", "event_loops", "defaults", "requests", "scenarios", "metrics", "load", "thresholds", "slo", "watch"];
    private static readonly string[] DefaultsKeys = ["headers", "timeout"];
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Most request names (requests, or request steps of all scenarios) a plan may have. Each name sent in a run holds nine
    /// latency histograms (about 1.3 MB) and a row in every report; 10,000 names of which few are sent peak near 270 MB,
    /// 100,000 at 1.4 GB with a 110 MB result file.
    /// </summary>
    public const int MaxRequestNames = 10_000;

    /// <summary>The most event loops a plan may ask for (<c>event_loops</c>): a thread each, so far more than any machine's cores is a mistake.</summary>
    public const int MaxEventLoops = 1024;

    /// <summary>Reads and parses the plan file at <paramref name="path"/>.</summary>
    public static LoadPlan Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = InputFile.ReadText(path, InputFile.MaxPlanBytes);
        }
        catch (InputFileException e)
        {
            throw new PlanException([new PlanError(path, 0, 0, $"cannot read the plan: {e.Message}")]);
        }

        return Parse(text, path);
    }

    /// <summary>Parses plan text; <paramref name="path"/> names it in error messages and in the result file.</summary>
    public static LoadPlan Parse(string text, string path)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(path);
        var reader = new PlanReader(path);
        var duplicates = new List<PlanError>();
        var rootNode = YamlText.RootOf(text, path, duplicates)
            ?? throw new PlanException([.. duplicates, new PlanError(path, 0, 0, "the plan is empty", "a plan needs at least target, requests and load")]);
        reader.Add(duplicates);
        var root = reader.Mapping(rootNode, "a plan");
        if (root is null)
        {
            throw new PlanException(reader.Errors);
        }

        var entries = reader.Entries(root, "the plan", RootKeys);
        var name = entries.TryGetValue("name", out var nameNode) ? reader.Text(nameNode, "name") : null;
        var target = Target(reader, root, entries);
        var (defaultHeaders, defaultTimeout) = Defaults(reader, entries);
        // A scenario plan may give each scenario its own load and none at the top.
        var planLoadOptional = !entries.ContainsKey("load") && entries.ContainsKey("scenarios");
        var load = planLoadOptional ? null : LoadSection.Read(reader, root, entries);
        var metrics = entries.TryGetValue("metrics", out var metricsNode) ? CustomMetricsSection.Read(reader, metricsNode) : [];
        List<RequestSpec> requests = [];
        List<ScenarioSpec> scenarios = [];
        if (entries.TryGetValue("scenarios", out var scenariosNode))
        {
            if (entries.TryGetValue("requests", out var both))
            {
                reader.Error(both, "give either 'requests' (a request mix) or 'scenarios' (user journeys), not both", "a scenario with one request step is a request");
            }
            else if (target is not null)
            {
                (scenarios, requests) = ScenariosSection.Read(reader, scenariosNode, target, defaultHeaders, defaultTimeout, path, load?.Model, metrics);
            }
        }
        else if (target is not null)
        {
            requests = RequestsSection.Read(reader, root, entries, target, defaultHeaders, defaultTimeout);
        }

        if (requests.Count > MaxRequestNames)
        {
            var where = entries.TryGetValue("scenarios", out var s) ? s : entries.GetValueOrDefault("requests");
            reader.Error(where, $"the plan has {requests.Count:N0} request names, more than the limit of {MaxRequestNames:N0}", "requests that differ only in a value can be one scenario step that reads the values from a data file (data: and ${data.column})");
        }

        if (planLoadOptional && scenarios.Count > 0)
        {
            // Every scenario must then bring its own; the longest one stands for the plan in reports.
            foreach (var unloaded in scenarios.Where(x => x.Load is null))
            {
                reader.Error(root, $"scenario '{unloaded.Name}' has no load, and the plan has none", "give the plan a load: section, or the scenario its own load:");
            }

            load = scenarios.Select(x => x.Load).OfType<LoadProfile>().MaxBy(l => l.Duration);
        }

        if (scenarios.Any(x => ScenarioSteps.AllSocketSteps(x.Steps).Any()))
        {
            // WebSocket steps record their metrics through the plan's own-metric path (recorder, catalogue, result file): the
            // totals, then each step's own (metric{step:NAME}). After the plan's own metrics, whose places a step's record:
            // entries already hold.
            metrics = [.. metrics, .. KnownMetrics.WebSocket.Select(m => new CustomMetricSpec(m.Key, m.Value)), .. SocketStepMetrics.Specs(scenarios.SelectMany(x => ScenarioSteps.AllSocketSteps(x.Steps)))];
        }

        var thresholds = ThresholdsSection.Read(reader, entries, requests, ScenarioSteps.CheckNames(scenarios), metrics, ScenarioSteps.GroupNames(scenarios));
        var slo = SloSection.Read(reader, entries, metrics);
        var http2 = entries.TryGetValue("http2", out var h2) && (reader.Boolean(h2, "http2") ?? false);
        var insecure = entries.TryGetValue("insecure_skip_tls_verify", out var tls) && (reader.Boolean(tls, "insecure_skip_tls_verify") ?? false);
        var eventLoops = EventLoops(reader, entries);
        var watch = entries.TryGetValue("watch", out var watchNode) ? WatchSection.Read(reader, watchNode) : null;

        if (reader.Errors.Count > 0 || target is null || load is null)
        {
            throw new PlanException([.. reader.Errors.OrderBy(e => e.Line).ThenBy(e => e.Column)]);
        }

        return new LoadPlan(
            name ?? Path.GetFileNameWithoutExtension(path),
            target,
            requests,
            load,
            thresholds,
            new PlanSource(path, text))
        {
            Http2 = http2,
            InsecureSkipTlsVerify = insecure,
            EventLoops = eventLoops,
            Scenarios = scenarios,
            CustomMetrics = metrics,
            Slo = slo,
            Watch = watch,
            LoadPlace = entries.TryGetValue("load", out var loadNode) ? new PlanPlace(path, (int)loadNode.Start.Line, (int)loadNode.Start.Column) : null,
        };
    }

    private static int? EventLoops(PlanReader reader, Dictionary<string, YamlNode> entries)
    {
        if (!entries.TryGetValue("event_loops", out var node) || reader.Integer(node, "event_loops") is not { } loops)
        {
            return null;
        }

        if (loops is < 1 or > MaxEventLoops)
        {
            reader.Error(node, $"event_loops must be between 1 and {MaxEventLoops}, not {loops}", "one loop keeps about one core busy; leave it out for one per two cores");
            return null;
        }

        return (int)loops;
    }

    private static Uri? Target(PlanReader reader, YamlMappingNode root, Dictionary<string, YamlNode> entries)
    {
        if (!entries.TryGetValue("target", out var node))
        {
            reader.Error(root, "the plan has no 'target'", "add the base URL, e.g. target: http://127.0.0.1:8080");
            return null;
        }

        var text = reader.Text(node, "target");
        if (text is null)
        {
            return null;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            reader.Error(node, $"target '{text}' is not an absolute http:// or https:// URL", "e.g. http://127.0.0.1:8080");
            return null;
        }

        return uri;
    }

    private static (IReadOnlyList<KeyValuePair<string, string>> Headers, TimeSpan Timeout) Defaults(PlanReader reader, Dictionary<string, YamlNode> entries)
    {
        if (!entries.TryGetValue("defaults", out var node) || reader.Mapping(node, "defaults") is not { } mapping)
        {
            return ([], DefaultTimeout);
        }

        var defaults = reader.Entries(mapping, "defaults", DefaultsKeys);
        var headers = defaults.TryGetValue("headers", out var h) ? Headers(reader, h, "defaults.headers") : [];
        var timeout = defaults.TryGetValue("timeout", out var t) ? PositiveDuration(reader, t, "defaults.timeout") ?? DefaultTimeout : DefaultTimeout;
        return (headers, timeout);
    }

    internal static List<KeyValuePair<string, string>> Headers(PlanReader reader, YamlNode node, string what)
    {
        var list = new List<KeyValuePair<string, string>>();
        if (reader.Mapping(node, what) is not { } mapping)
        {
            return list;
        }

        foreach (var (key, value) in mapping.Children)
        {
            var name = reader.Text(key, $"a header name in {what}");
            var text = value is YamlScalarNode { Value: { } v } ? v : null;
            if (text is null)
            {
                reader.Error(value, $"header '{name}' in {what} must have a text value, not {PlanReader.Describe(value)}");
                continue;
            }

            if (name is null)
            {
                continue;
            }

            if (!RequestText.IsToken(name))
            {
                reader.Error(key, $"'{RequestText.Escape(name)}' is not a valid header name", "header names are letters, digits and - _ . without spaces");
                continue;
            }

            if (RequestText.Problem($"header '{name}'", text) is { } problem)
            {
                reader.Error(value, problem, "a header value is one line; write it without CR, LF or NUL");
                continue;
            }

            list.Add(new(name, text));
        }

        return list;
    }

    internal static TimeSpan? PositiveDuration(PlanReader reader, YamlNode node, string what, TimeSpan? max = null)
    {
        var value = reader.Duration(node, what, max);
        if (value is { } v && v <= TimeSpan.Zero)
        {
            reader.Error(node, $"{what} must be longer than zero, not {PlanReader.Describe(node)}");
            return null;
        }

        return value;
    }
}
