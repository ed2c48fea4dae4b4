using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Pacer.Core.Plans;

/// <summary>
/// Builds a <see cref="LoadPlan"/> in C#: target, load model and stages, request mix, thresholds. <see cref="Build"/> checks it
/// with exactly the rules a YAML plan gets — the builder writes the equivalent YAML and reads it with <see cref="PlanParser"/>,
/// so there is one set of rules, and the result file records a plan that <c>pacer run</c> can rerun — and throws
/// <see cref="PlanException"/> listing every mistake, each named by the setting it is about (<c>load.stages[1].target</c>).
/// </summary>
/// <example>
/// <code>
/// var plan = new PlanBuilder("checkout", new Uri("http://127.0.0.1:8080"))
///     .Open(rate: 200, duration: TimeSpan.FromSeconds(30))
///     .Request(new PlanRequest("GET", "/api/items") { Name = "list" })
///     .Request(new PlanRequest("POST", "/api/orders") { Body = "{}", Weight = 0.2 })
///     .Threshold("http_req_duration", "p(99)&lt;50ms")
///     .Build();
/// </code>
/// </example>
public sealed class PlanBuilder
{
    private const string Root = "the plan";
    private readonly string name;
    private readonly Uri target;
    private readonly List<PlanRequest> requests = [];
    private readonly List<KeyValuePair<string, string>> headers = [];
    private readonly List<(string Metric, string Expression, bool AbortOnFail, TimeSpan? Delay)> thresholds = [];
    private readonly List<(string Key, YamlNode Value)> load = [];
    private readonly List<(string Key, YamlNode Value)> loadSettings = [];
    private TimeSpan? timeout;
    private bool http2;
    private bool insecure;

    /// <summary>Starts a plan named <paramref name="name"/> against <paramref name="target"/>, the base URL request paths are joined to.</summary>
    public PlanBuilder(string name, Uri target)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(target);
        this.name = name;
        this.target = target;
    }

    /// <summary>What the plan is called where errors and the result file name its source; defaults to <c>&lt;C#&gt;</c>.</summary>
    public string SourceName { get; init; } = "<C#>";

    /// <summary>Open model at a constant arrival rate (<c>model: open, rate, duration</c>).</summary>
    /// <param name="rate">Iterations (requests of the mix) started per second.</param>
    /// <param name="duration">How long.</param>
    public PlanBuilder Open(double rate, TimeSpan duration) =>
        Load(("model", Text("open")), ("rate", Number(rate)), ("duration", Duration(duration)));

    /// <summary>Open model following <paramref name="stages"/> (k6's ramping arrival rate): each stage moves the rate linearly to its target.</summary>
    /// <param name="stages">At least one; each a duration and the rate (per second) at its end.</param>
    /// <param name="startRate">The rate before the first stage.</param>
    public PlanBuilder RampingArrivals(IReadOnlyList<Stage> stages, double startRate = 0) =>
        Load(("model", Text("open")), ("start_rate", Number(startRate)), ("stages", Stages(stages)));

    /// <summary>Closed model with a constant number of virtual users, each sending its next request when the last one answered.</summary>
    /// <param name="vus">Virtual users.</param>
    /// <param name="duration">How long.</param>
    public PlanBuilder Closed(int vus, TimeSpan duration) =>
        Load(("model", Text("closed")), ("vus", Number(vus)), ("duration", Duration(duration)));

    /// <summary>Closed model following <paramref name="stages"/>: each stage moves the number of virtual users linearly to its target.</summary>
    /// <param name="stages">At least one; each a duration and the virtual users at its end.</param>
    /// <param name="startVus">Virtual users before the first stage.</param>
    public PlanBuilder RampingVus(IReadOnlyList<Stage> stages, int startVus = 0) =>
        Load(("model", Text("closed")), ("start_vus", Number(startVus)), ("stages", Stages(stages)));

    /// <summary>Open model: the most requests in flight at once (<c>max_connections</c>, default 1000).</summary>
    public PlanBuilder MaxConnections(int connections) => LoadSetting("max_connections", Number(connections));

    /// <summary>Open model: an arrival that waited longer than this for a connection is dropped and counted (<c>max_queue_wait</c>).</summary>
    public PlanBuilder MaxQueueWait(TimeSpan wait) => LoadSetting("max_queue_wait", Duration(wait));

    /// <summary>Ends the run once this many requests were sent (<c>max_requests</c>).</summary>
    public PlanBuilder MaxRequests(long requests) => LoadSetting("max_requests", Number(requests));

    /// <summary>How long requests in flight may finish after the last stage (<c>graceful_stop</c>, default 10 s).</summary>
    public PlanBuilder GracefulStop(TimeSpan grace) => LoadSetting("graceful_stop", Duration(grace));

    /// <summary>Whether each request is sent once, unrecorded, before the clock starts (<c>warmup</c>, default true).</summary>
    public PlanBuilder Warmup(bool warmup) => LoadSetting("warmup", Boolean(warmup));

    /// <summary>A header every request sends unless it sets its own (<c>defaults.headers</c>).</summary>
    public PlanBuilder Header(string name, string value)
    {
        headers.Add(new(name, value));
        return this;
    }

    /// <summary>The timeout of requests that set none (<c>defaults.timeout</c>, default 30 s).</summary>
    public PlanBuilder Timeout(TimeSpan requestTimeout)
    {
        timeout = requestTimeout;
        return this;
    }

    /// <summary>Speak HTTP/2 (<c>http2: true</c>): over TLS for https://, prior knowledge for http://.</summary>
    public PlanBuilder Http2(bool enabled = true)
    {
        http2 = enabled;
        return this;
    }

    /// <summary>Accept any server certificate (<c>insecure_skip_tls_verify</c>), for self-signed test servers.</summary>
    public PlanBuilder InsecureSkipTlsVerify(bool enabled = true)
    {
        insecure = enabled;
        return this;
    }

    /// <summary>Adds a request to the mix.</summary>
    public PlanBuilder Request(PlanRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        requests.Add(request);
        return this;
    }

    /// <summary>Adds <c>METHOD path</c> to the mix with every other setting at its default.</summary>
    public PlanBuilder Request(string method, string path) => Request(new PlanRequest(method, path));

    /// <summary>Adds a threshold in k6 syntax: <c>Threshold("http_req_duration{name:list}", "p(95)&lt;50ms")</c>.</summary>
    /// <param name="metric">The metric, with an optional tag filter in braces.</param>
    /// <param name="expression">The condition, e.g. <c>p(99)&lt;100ms</c>, <c>rate&lt;0.01</c>, <c>count&gt;1000</c>.</param>
    /// <param name="abortOnFail">Stop the run as soon as it fails.</param>
    /// <param name="delayAbortEval">How long into the run before <paramref name="abortOnFail"/> is judged.</param>
    public PlanBuilder Threshold(string metric, string expression, bool abortOnFail = false, TimeSpan? delayAbortEval = null)
    {
        thresholds.Add((metric, expression, abortOnFail, delayAbortEval));
        return this;
    }

    /// <summary>The plan as YAML, exactly what <see cref="Build"/> checks and the result file records.</summary>
    public string ToYaml()
    {
        var root = new YamlMappingNode { { "name", Text(name) }, { "target", Text(target.OriginalString) } };
        if (http2)
        {
            root.Add("http2", Boolean(true));
        }

        if (insecure)
        {
            root.Add("insecure_skip_tls_verify", Boolean(true));
        }

        if (headers.Count > 0 || timeout is not null)
        {
            var defaults = new YamlMappingNode();
            if (headers.Count > 0)
            {
                defaults.Add("headers", Headers(headers));
            }

            if (timeout is { } t)
            {
                defaults.Add("timeout", Duration(t));
            }

            root.Add("defaults", defaults);
        }

        root.Add("requests", new YamlSequenceNode(requests.Select(RequestNode)));
        if (load.Count > 0 || loadSettings.Count > 0)
        {
            var section = new YamlMappingNode();
            foreach (var (key, value) in load.Concat(loadSettings))
            {
                section.Add(key, value);
            }

            root.Add("load", section);
        }

        if (thresholds.Count > 0)
        {
            var section = new YamlMappingNode();
            foreach (var group in thresholds.GroupBy(t => t.Metric, StringComparer.Ordinal))
            {
                section.Add(Text(group.Key), new YamlSequenceNode(group.Select(ThresholdNode)));
            }

            root.Add("thresholds", section);
        }

        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        new YamlStream(new YamlDocument(root)).Save(writer, assignAnchors: false);
        return writer.ToString();
    }

    /// <summary>Checks the plan and returns it.</summary>
    /// <exception cref="PlanException">Every mistake, each naming the setting it is about and, where one helps, a hint.</exception>
    public LoadPlan Build()
    {
        var yaml = ToYaml();
        try
        {
            return PlanParser.Parse(yaml, SourceName);
        }
        catch (PlanException e)
        {
            // Lines and columns of generated YAML mean nothing to the caller: each mistake is named by the setting's path instead.
            var places = Places(yaml);
            throw new PlanException([.. e.Errors.Select(error => places.TryGetValue((error.Line, error.Column), out var setting) && setting != Root
                ? error with { Line = 0, Column = 0, Message = $"{setting}: {error.Message}" }
                : error with { Line = 0, Column = 0 })]);
        }
    }

    private PlanBuilder Load(params (string Key, YamlNode Value)[] entries)
    {
        load.Clear();
        load.AddRange(entries);
        return this;
    }

    private PlanBuilder LoadSetting(string key, YamlNode value)
    {
        loadSettings.RemoveAll(s => s.Key == key);
        loadSettings.Add((key, value));
        return this;
    }

    private static YamlMappingNode RequestNode(PlanRequest request)
    {
        var node = new YamlMappingNode { { "method", Text(request.Method) }, { "path", Text(request.Path) } };
        if (request.Name is not null)
        {
            node.Add("name", Text(request.Name));
        }

        if (request.Headers.Count > 0)
        {
            node.Add("headers", Headers(request.Headers));
        }

        if (request.Body is not null)
        {
            node.Add("body", Text(request.Body));
        }

        if (request.Weight is { } weight)
        {
            node.Add("weight", Number(weight));
        }

        if (request.Timeout is { } t)
        {
            node.Add("timeout", Duration(t));
        }

        return node;
    }

    private static YamlNode ThresholdNode((string Metric, string Expression, bool AbortOnFail, TimeSpan? Delay) threshold)
    {
        if (!threshold.AbortOnFail && threshold.Delay is null)
        {
            return Text(threshold.Expression);
        }

        var node = new YamlMappingNode { { "threshold", Text(threshold.Expression) }, { "abortOnFail", Boolean(threshold.AbortOnFail) } };
        if (threshold.Delay is { } delay)
        {
            node.Add("delayAbortEval", Duration(delay));
        }

        return node;
    }

    private static YamlMappingNode Headers(IEnumerable<KeyValuePair<string, string>> pairs)
    {
        var node = new YamlMappingNode();
        foreach (var (key, value) in pairs)
        {
            // Added as pairs, not through the indexer: a duplicate name stays a duplicate, which the reader reports.
            node.Children.Add(new KeyValuePair<YamlNode, YamlNode>(Text(key), Text(value)));
        }

        return node;
    }

    private static YamlSequenceNode Stages(IReadOnlyList<Stage> stages)
    {
        ArgumentNullException.ThrowIfNull(stages);
        return new YamlSequenceNode(stages.Select(s => new YamlMappingNode { { "duration", Duration(s.Duration) }, { "target", Number(s.Target) } }));
    }

    /// <summary>Text is always double-quoted, so <c>no</c>, <c>1e3</c> or <c>~</c> stay the text they are.</summary>
    private static YamlScalarNode Text(string? value) => new(value ?? string.Empty) { Style = ScalarStyle.DoubleQuoted };

    private static YamlScalarNode Number(double value) => new(value.ToString("R", CultureInfo.InvariantCulture)) { Style = ScalarStyle.Plain };

    private static YamlScalarNode Number(long value) => new(value.ToString(CultureInfo.InvariantCulture)) { Style = ScalarStyle.Plain };

    private static YamlScalarNode Boolean(bool value) => new(value ? "true" : "false") { Style = ScalarStyle.Plain };

    /// <summary>In the plan's duration syntax, exact to the microsecond; a negative one is written as it is, for the reader to refuse.</summary>
    private static YamlScalarNode Duration(TimeSpan value) => Text(
        value.Ticks % TimeSpan.TicksPerSecond == 0 ? string.Create(CultureInfo.InvariantCulture, $"{value.Ticks / TimeSpan.TicksPerSecond}s")
        : value.Ticks % TimeSpan.TicksPerMillisecond == 0 ? string.Create(CultureInfo.InvariantCulture, $"{value.Ticks / TimeSpan.TicksPerMillisecond}ms")
        : string.Create(CultureInfo.InvariantCulture, $"{value.TotalMicroseconds.ToString("R", CultureInfo.InvariantCulture)}us"));

    /// <summary>Every node of <paramref name="yaml"/> by its line and column, as the setting's path: <c>requests[0].method</c>.</summary>
    private static Dictionary<(int Line, int Column), string> Places(string yaml)
    {
        var places = new Dictionary<(int, int), string>();
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        Walk(stream.Documents[0].RootNode, Root);
        return places;

        void Walk(YamlNode node, string path)
        {
            places.TryAdd(((int)node.Start.Line, (int)node.Start.Column), path);
            switch (node)
            {
                case YamlMappingNode mapping:
                    foreach (var (key, value) in mapping.Children)
                    {
                        var child = path == Root ? $"{key}" : $"{path}.{key}";
                        places.TryAdd(((int)key.Start.Line, (int)key.Start.Column), child);
                        Walk(value, child);
                    }

                    break;
                case YamlSequenceNode sequence:
                    for (var i = 0; i < sequence.Children.Count; i++)
                    {
                        Walk(sequence.Children[i], $"{path}[{i}]");
                    }

                    break;
            }
        }
    }
}
