using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Pacer.Core.Plans;

/// <summary>
/// Reads a performance-targets file as teams write them (<c>performance_targets: response_time: p50: "&lt; 8ms"</c> …, the
/// layout of docs/watching.md) into thresholds: response_time pN → <c>http_req_duration</c> p(N), requests_per_second →
/// <c>http_reqs</c> rate, concurrent_users → peak <c>vus</c>, cpu_usage / memory_usage → <c>target_cpu</c> / <c>target_memory</c>
/// max, network_bandwidth → <c>target_network</c> max (received + sent, <c>Mbps</c> read as 10⁶ bits a second), error_rate → <c>http_req_failed</c> rate. The groups (response_time, throughput …) only group: a key means the same in
/// any of them. Every other key is listed as not judged, with the reason; every mistake is reported with file:line:column.
/// </summary>
public static partial class SloFile
{
    /// <summary>The root key the file's targets live under.</summary>
    public const string RootKey = "performance_targets";

    /// <summary>Reads the SLO file at <paramref name="path"/>.</summary>
    /// <exception cref="PlanException">The file cannot be read, or every mistake in it with its place.</exception>
    public static SloTargets Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = InputFile.ReadText(path, InputFile.MaxPlanBytes);
        }
        catch (InputFileException e)
        {
            throw new PlanException([new PlanError(path, 0, 0, $"cannot read the SLO file: {e.Message}")]);
        }

        return Parse(text, path);
    }

    /// <summary>Parses SLO text; <paramref name="path"/> names it in errors, and its file name in each threshold's origin.</summary>
    /// <exception cref="PlanException">Every mistake, with its place.</exception>
    public static SloTargets Parse(string text, string path)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(path);
        var reader = new PlanReader(path);
        var origin = "slo: " + Path.GetFileName(path);
        var root = YamlText.RootOf(text, path)
            ?? throw new PlanException([new PlanError(path, 0, 0, "the SLO file is empty", $"write {RootKey}: with groups of targets, e.g. response_time: {{ p95: \"< 15ms\" }}")]);
        var thresholds = new List<ThresholdSpec>();
        var notJudged = new List<NotJudgedTarget>();
        if (root is not YamlMappingNode mapping || mapping.Children.FirstOrDefault(e => e.Key is YamlScalarNode { Value: RootKey }).Value is not { } section)
        {
            reader.Error(root, $"an SLO file has a '{RootKey}:' section", $"e.g. {RootKey}: {{ response_time: {{ p95: \"< 15ms\" }}, availability: {{ error_rate: \"< 0.1%\" }} }}");
            throw new PlanException(reader.Errors);
        }

        foreach (var (keyNode, value) in mapping.Children.Where(e => e.Key is not YamlScalarNode { Value: RootKey }))
        {
            reader.Error(keyNode, $"unknown key '{(keyNode as YamlScalarNode)?.Value}' in an SLO file", $"targets go under {RootKey}:");
        }

        Walk(reader, section, RootKey, origin, thresholds, notJudged);
        return reader.Errors.Count > 0 ? throw new PlanException(reader.Errors) : new SloTargets(thresholds, notJudged);
    }

    private static void Walk(PlanReader reader, YamlNode node, string path, string origin, List<ThresholdSpec> thresholds, List<NotJudgedTarget> notJudged)
    {
        if (reader.Mapping(node, path) is not { } mapping)
        {
            return;
        }

        foreach (var (keyNode, value) in mapping.Children)
        {
            if (reader.Text(keyNode, $"a key of {path}") is not { } key)
            {
                continue;
            }

            var place = $"{path}.{key}";
            if (value is YamlMappingNode)
            {
                Walk(reader, value, place, origin, thresholds, notJudged);
            }
            else if (reader.Text(value, place) is { } target)
            {
                Target(reader, value, key, place, target, origin, thresholds, notJudged);
            }
        }
    }

    private static void Target(PlanReader reader, YamlNode node, string key, string place, string target, string origin, List<ThresholdSpec> thresholds, List<NotJudgedTarget> notJudged)
    {
        var match = Bound().Match(target);
        if (!match.Success)
        {
            reader.Error(node, $"{place}: '{target}' is not a target", "write an operator and a value, e.g. \"< 15ms\", \"> 1000\", \"< 0.1%\"");
            return;
        }

        var (op, number, unit) = (match.Groups["op"].Value, match.Groups["num"].Value, match.Groups["unit"].Value);
        if (NotJudgedReason(key) is { } reason)
        {
            notJudged.Add(new NotJudgedTarget(place, target.Trim(), reason, origin));
            return;
        }

        var (metric, expression, meaning) = Mapping(key, op, number, unit);
        var targetMetric = TargetMetrics.Units.TryGetValue(metric, out var metricUnit);
        ThresholdExpression parsed;
        try
        {
            parsed = targetMetric ? ThresholdParser.ParseTarget(expression) : ThresholdParser.Parse(expression);
        }
        catch (ThresholdSyntaxException e)
        {
            reader.Error(node, $"{place}: '{target}' does not fit {metric}: {e.Message}", Hint(key));
            return;
        }

        if (targetMetric && TargetMetrics.UnitMismatch(metric, metricUnit!, parsed.Unit) is { } mismatch)
        {
            reader.Error(node, $"{place}: '{target}': {mismatch}", Hint(key));
            return;
        }

        thresholds.Add(new ThresholdSpec(metric, [], parsed, false, TimeSpan.Zero, expression)
        {
            Origin = origin,
            Meaning = $"{place}: {target.Trim()}" + (meaning is null ? string.Empty : $" — {meaning}"),
        });
    }

    /// <summary>The metric, the k6 expression and (where the metric says less than the key) what it judges, of a judged key.</summary>
    private static (string Metric, string Expression, string? Meaning) Mapping(string key, string op, string number, string unit)
    {
        if (PercentileKey().Match(key) is { Success: true } p)
        {
            // p999 is p99.9, as latency targets write it.
            var digits = p.Groups[1].Value;
            var percentile = digits.Length <= 2 ? digits : digits[..2] + "." + digits[2..];
            return ("http_req_duration", $"p({percentile}){op}{number}{unit}", null);
        }

        return key switch
        {
            "requests_per_second" or "rps" => ("http_reqs", $"rate{op}{number}{unit}", "requests per second over the load period"),
            "concurrent_users" => ("vus", $"max{op}{number}{unit}", "judged as the plan's peak users (closed model: virtual users; open model: iterations in flight), so it holds only if the plan drives that many — it measures the test, not the service's capacity"),
            "cpu_usage" => ("target_cpu", $"max{op}{number}{unit}", "the target's CPU, highest second" + (unit == "%" ? ", as a share of the cores it may use" : string.Empty)),
            "memory_usage" => ("target_memory", $"max{op}{number}{unit}", "the target's memory, highest second" + (unit == "%" ? ", as a share of its limit" : string.Empty)),
            "network_bandwidth" => ("target_network", $"max{op}{number}{unit}", "the target's network traffic received + sent, highest second, over every interface of its network namespace — all of this host's traffic when it shares the host's namespace"),
            _ => ("http_req_failed", $"rate{op}{number}{unit}", "the share of failed requests"),
        };
    }

    private static string Hint(string key) => key switch
    {
        "cpu_usage" => "e.g. \"< 70%\" (of the cores it may use) or \"< 1.5cores\"",
        "memory_usage" => "e.g. \"< 4GB\" or \"< 80%\" (of its limit)",
        "network_bandwidth" => "a bandwidth, e.g. \"< 500Mbps\" or \"< 60MB/s\"",
        "error_rate" => "e.g. \"< 0.1%\" or \"< 0.001\"",
        "requests_per_second" or "rps" or "concurrent_users" => "a plain number, e.g. \"> 1000\"",
        _ => "a duration, e.g. \"< 15ms\"",
    };

    /// <summary>Why a key is not judged by a load test, or null when it maps to a threshold.</summary>
    private static string? NotJudgedReason(string key) => key switch
    {
        _ when PercentileKey().IsMatch(key) => null,
        "requests_per_second" or "rps" or "concurrent_users" or "cpu_usage" or "memory_usage" or "network_bandwidth" or "error_rate" => null,
        "uptime" or "availability" => "uptime is measured over weeks by monitoring the service in production; a load test of minutes says nothing about it",
        "recovery_time" => "it needs a failure injected and the time to recover from it measured; a load run does neither",
        "sessions_per_node" => "no source counts the service's sessions per node; if the service exports it, watch it (--watch-metrics) and write a threshold on it with {source:metrics}",
        _ => "not a key Pacer can map to a measurement (it judges pN under response_time, requests_per_second, concurrent_users, cpu_usage, memory_usage, network_bandwidth and error_rate)",
    };

    [GeneratedRegex(@"^\s*(?<op><=|>=|<|>)\s*(?<num>[0-9]+(?:\.[0-9]+)?)\s*(?<unit>[A-Za-zµ%/]*)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex Bound();

    [GeneratedRegex(@"^p([0-9]{1,4})$", RegexOptions.CultureInvariant)]
    private static partial Regex PercentileKey();
}
