namespace Pacer.Core.Plans;

/// <summary><c>watch.metrics</c>: a Prometheus text endpoint of the service, scraped every second.</summary>
/// <param name="Url">The endpoint, e.g. <c>http://127.0.0.1:8080/metrics</c>.</param>
/// <param name="Select">Which metrics to keep, by name and optionally labels (<c>http_requests_total{code="200"}</c>); empty for all.</param>
public sealed record WatchMetricsSpec(Uri Url, IReadOnlyList<string> Select);
