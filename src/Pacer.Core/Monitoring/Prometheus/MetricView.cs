namespace Pacer.Core.Monitoring.Prometheus;

/// <summary>
/// One name a selector can address in a scrape, and the samples behind it: a counter (<c>http_requests_total</c>), a gauge, a
/// whole histogram or summary by its family name, or a histogram's <c>_count</c>/<c>_sum</c> as counters.
/// </summary>
/// <param name="Name">The name a selector matches.</param>
/// <param name="Family">The metric family it belongs to (one family is read once even when two of its names match).</param>
/// <param name="Kind">How it becomes readings.</param>
/// <param name="Primary">Whether a <c>*</c> pattern may match it; a histogram's <c>_count</c>, <c>_sum</c> are only matched by exact name so that <c>http_*</c> does not mix a histogram with its own parts.</param>
/// <param name="Samples">Its samples (a histogram's buckets, a summary's quantiles).</param>
/// <param name="Counts">A summary's <c>_count</c> samples, for its rate; empty otherwise.</param>
internal sealed record MetricView(string Name, string Family, SelectionKind Kind, bool Primary, IReadOnlyList<ExpositionSample> Samples, IReadOnlyList<ExpositionSample> Counts);
