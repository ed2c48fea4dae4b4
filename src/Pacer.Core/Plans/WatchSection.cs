using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Pacer.Core.Plans;

/// <summary>
/// Reads <c>watch:</c>, what Pacer watches of the service under load (docs/plan-reference.md#watch). Only the section's own
/// form is checked here; whether a pid runs or a cgroup exists is checked when the run starts, on the machine that runs it.
/// <c>ready</c>, <c>ready_timeout</c>, <c>stop_grace</c> and <c>env</c> belong to <c>command</c>, which a flag may give
/// (<c>--watch-cmd</c>), so their absence of a command is judged then too.
/// </summary>
internal static partial class WatchSection
{
    private static readonly string[] Keys = ["command", "ready", "ready_timeout", "stop_grace", "env", "pid", "cgroup", "dotnet", "metrics", "prometheus"];
    private static readonly string[] MetricsKeys = ["url", "select"];
    private static readonly string[] PrometheusKeys = ["url", "queries"];

    public static WatchSpec? Read(PlanReader reader, YamlNode node)
    {
        if (node is YamlScalarNode scalar && PlanReader.IsNull(scalar) || node is YamlMappingNode { Children.Count: 0 })
        {
            reader.Error(node, "watch has nothing to watch", $"give at least one of {string.Join(", ", Keys.Where(k => k is "command" or "pid" or "cgroup" or "dotnet" or "metrics" or "prometheus"))}, or leave the section out");
            return null;
        }

        if (reader.Mapping(node, "watch") is not { } mapping)
        {
            return null;
        }

        var entries = reader.Entries(mapping, "watch", Keys);
        var spec = new WatchSpec();
        if (entries.TryGetValue("command", out var command) && reader.Text(command, "watch.command") is { } line)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                reader.Error(command, "watch.command is empty", "the command line that starts the service, e.g. command: \"./service --port 8080\"");
            }
            else
            {
                spec = spec with { Command = line };
            }
        }

        if (entries.TryGetValue("ready", out var ready) && Url(reader, ready, "watch.ready", "e.g. ready: http://127.0.0.1:8080/health") is { } readyUrl)
        {
            spec = spec with { Ready = readyUrl };
        }

        if (entries.TryGetValue("ready_timeout", out var readyTimeout) && PlanParser.PositiveDuration(reader, readyTimeout, "watch.ready_timeout") is { } wait)
        {
            spec = spec with { ReadyTimeout = wait };
        }

        if (entries.TryGetValue("stop_grace", out var stopGrace) && reader.Duration(stopGrace, "watch.stop_grace") is { } grace)
        {
            spec = spec with { StopGrace = grace };
        }

        if (entries.TryGetValue("env", out var env))
        {
            spec = spec with { Environment = Environment(reader, env).AsReadOnly() };
        }

        if (entries.TryGetValue("pid", out var pid) && Pid(reader, pid, "watch.pid") is { } watchedPid)
        {
            spec = spec with { Pid = watchedPid };
        }

        if (entries.TryGetValue("cgroup", out var cgroup) && Cgroup(reader, cgroup) is { } path)
        {
            spec = spec with { Cgroup = path };
        }

        if (entries.TryGetValue("dotnet", out var dotnet) && Dotnet(reader, dotnet) is { } runtime)
        {
            spec = spec with { Dotnet = runtime };
        }

        if (entries.TryGetValue("metrics", out var metrics) && Metrics(reader, metrics) is { } scraped)
        {
            spec = spec with { Metrics = scraped };
        }

        if (entries.TryGetValue("prometheus", out var prometheus) && Prometheus(reader, prometheus) is { } queried)
        {
            spec = spec with { Prometheus = queried };
        }

        return spec;
    }

    private static int? Pid(PlanReader reader, YamlNode node, string what)
    {
        if (reader.Integer(node, what) is not { } pid)
        {
            return null;
        }

        if (WatchSpec.PidProblem(pid) is { } problem)
        {
            reader.Error(node, $"{what}: {problem}", "the pid of the running service, e.g. from pgrep or systemctl show -p MainPID");
            return null;
        }

        return (int)pid;
    }

    private static string? Cgroup(PlanReader reader, YamlNode node)
    {
        if (reader.Text(node, "watch.cgroup") is not { } path)
        {
            return null;
        }

        if (WatchSpec.CgroupProblem(path) is { } problem)
        {
            reader.Error(node, $"watch.cgroup: {problem}", "cat /proc/PID/cgroup shows a process's cgroup (prefix it with the cgroup2 mount, usually /sys/fs/cgroup)");
            return null;
        }

        return path;
    }

    private static WatchDotnetSpec? Dotnet(PlanReader reader, YamlNode node)
    {
        if (node is YamlScalarNode { Value: { } value })
        {
            if (bool.TryParse(value, out var enabled))
            {
                return new WatchDotnetSpec(enabled);
            }

            if (long.TryParse(value, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out _))
            {
                return Pid(reader, node, "watch.dotnet") is { } pid ? new WatchDotnetSpec(true, pid) : null;
            }
        }

        reader.Error(node, $"watch.dotnet must be true, false or a pid, not {PlanReader.Describe(node)}", "true reads the watched process's .NET counters; a pid reads another process's");
        return null;
    }

    private static Dictionary<string, string> Environment(PlanReader reader, YamlNode node)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        if (reader.Mapping(node, "watch.env") is not { } mapping)
        {
            return env;
        }

        foreach (var (key, value) in mapping.Children)
        {
            if (reader.Text(key, "a variable name in watch.env") is not { } name)
            {
                continue;
            }

            if (!EnvName().IsMatch(name))
            {
                reader.Error(key, $"'{name}' is not an environment variable name", "letters, digits and _, not starting with a digit (e.g. ASPNETCORE_URLS)");
                continue;
            }

            // Numbers and booleans are written as the text they are: an environment holds text.
            if (value is not YamlScalarNode { Value: { } text } || text.Contains('\0', StringComparison.Ordinal))
            {
                reader.Error(value, $"watch.env.{name} must be a line of text, not {PlanReader.Describe(value)}");
                continue;
            }

            env[name] = text;
        }

        return env;
    }

    private static WatchMetricsSpec? Metrics(PlanReader reader, YamlNode node)
    {
        if (reader.Mapping(node, "watch.metrics") is not { } mapping)
        {
            return null;
        }

        var entries = reader.Entries(mapping, "watch.metrics", MetricsKeys);
        Uri? url = null;
        if (!entries.TryGetValue("url", out var urlNode))
        {
            reader.Error(node, "watch.metrics has no url", "url: http://127.0.0.1:8080/metrics, the service's Prometheus text endpoint");
        }
        else
        {
            url = Url(reader, urlNode, "watch.metrics.url", "e.g. url: http://127.0.0.1:8080/metrics");
        }

        var select = new List<string>();
        if (entries.TryGetValue("select", out var selectNode))
        {
            if (selectNode is YamlScalarNode)
            {
                if (Selector(reader, selectNode) is { } one)
                {
                    select.Add(one);
                }
            }
            else if (reader.Sequence(selectNode, "watch.metrics.select") is { } list)
            {
                select.AddRange(list.Children.Select(item => Selector(reader, item)).OfType<string>());
            }
        }

        return url is null ? null : new WatchMetricsSpec(url, select);
    }

    private static string? Selector(PlanReader reader, YamlNode node)
    {
        if (reader.Text(node, "a metric in watch.metrics.select") is not { } text)
        {
            return null;
        }

        if (!Selector().IsMatch(text))
        {
            reader.Error(node, $"'{text}' is not a metric to select", "a metric name, optionally with labels: http_requests_total or http_requests_total{code=\"200\"}");
            return null;
        }

        return text;
    }

    private static WatchPrometheusSpec? Prometheus(PlanReader reader, YamlNode node)
    {
        if (reader.Mapping(node, "watch.prometheus") is not { } mapping)
        {
            return null;
        }

        var entries = reader.Entries(mapping, "watch.prometheus", PrometheusKeys);
        Uri? url = null;
        if (!entries.TryGetValue("url", out var urlNode))
        {
            reader.Error(node, "watch.prometheus has no url", "url: http://127.0.0.1:9090, the Prometheus server to query");
        }
        else
        {
            url = Url(reader, urlNode, "watch.prometheus.url", "e.g. url: http://127.0.0.1:9090");
        }

        var queries = new List<KeyValuePair<string, string>>();
        if (!entries.TryGetValue("queries", out var queriesNode))
        {
            reader.Error(node, "watch.prometheus has no queries", "queries: { name: 'PromQL' }, e.g. api_p99: 'histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket[1m])))'");
        }
        else if (reader.Mapping(queriesNode, "watch.prometheus.queries") is { } map)
        {
            if (map.Children.Count == 0)
            {
                reader.Error(queriesNode, "watch.prometheus.queries is empty", "give at least one name: 'PromQL'");
            }

            foreach (var (key, value) in map.Children)
            {
                if (reader.Text(key, "a query name in watch.prometheus.queries") is not { } name)
                {
                    continue;
                }

                if (!MetricName().IsMatch(name))
                {
                    reader.Error(key, $"'{name}' is not a metric name", "letters, digits and _, not starting with a digit: it names the metric in the result and in thresholds");
                    continue;
                }

                if (reader.Text(value, $"watch.prometheus.queries.{name}") is not { } query)
                {
                    continue;
                }

                if (string.IsNullOrWhiteSpace(query))
                {
                    reader.Error(value, $"watch.prometheus.queries.{name} is empty", "a PromQL expression, e.g. rate(process_cpu_seconds_total[1m])");
                    continue;
                }

                queries.Add(new(name, query));
            }
        }

        return url is null || queries.Count == 0 ? null : new WatchPrometheusSpec(url, queries);
    }

    private static Uri? Url(PlanReader reader, YamlNode node, string what, string hint)
    {
        if (reader.Text(node, what) is not { } text)
        {
            return null;
        }

        if (WatchSpec.HttpUrl(text) is { } uri)
        {
            return uri;
        }

        reader.Error(node, $"{what} '{text}' is not an absolute http:// or https:// URL", hint);
        return null;
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex EnvName();

    [GeneratedRegex("^[a-zA-Z_:][a-zA-Z0-9_:]*$", RegexOptions.CultureInvariant)]
    private static partial Regex MetricName();

    /// <summary>A Prometheus metric name, optionally followed by a label matcher list in braces.</summary>
    [GeneratedRegex("""^[a-zA-Z_:*][a-zA-Z0-9_:*]*(\{.*\})?$""", RegexOptions.CultureInvariant)]
    private static partial Regex Selector();
}
