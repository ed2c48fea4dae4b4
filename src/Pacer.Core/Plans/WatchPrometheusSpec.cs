namespace Pacer.Core.Plans;

/// <summary><c>watch.prometheus</c>: a Prometheus server asked after the run, one range query per metric at a 1 s step.</summary>
/// <param name="Url">The server, e.g. <c>http://127.0.0.1:9090</c>.</param>
/// <param name="Queries">Metric name → PromQL, in plan order; the name is the metric's in the result and in thresholds.</param>
public sealed record WatchPrometheusSpec(Uri Url, IReadOnlyList<KeyValuePair<string, string>> Queries);
