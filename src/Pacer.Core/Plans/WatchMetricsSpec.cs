namespace Pacer.Core.Plans;

/// <summary><c>watch.metrics</c>: a Prometheus text endpoint of the service, scraped every second.</summary>
/// <param name="Url">The endpoint, e.g. <c>http://127.0.0.1:8080/metrics</c>.</param>
/// <param name="Select">Which metrics to keep, by name and optionally labels (<c>http_requests_total{code="200"}</c>), <c>*</c> matching any run of characters in the name; empty for the process metrics every client library exports (docs/watching.md#scraping-metrics).</param>
public sealed record WatchMetricsSpec(Uri Url, IReadOnlyList<string> Select);
