namespace Pacer.Analysis.Inputs;

/// <summary>
/// One quantity measured in one run: a row key (<see cref="Group"/> × <see cref="Metric"/>), a summary value, and the samples
/// behind it when the input has them. Comparisons pair observations with the same key across the two sides.
/// </summary>
/// <param name="Group">What was measured: a request name, <c>all</c>, a benchmark name, a command.</param>
/// <param name="Metric">Which quantity: <c>p50</c>, <c>p95</c>, <c>p99</c>, <c>rps</c>, <c>error_rate</c>, <c>ns/op</c>, <c>B/op</c>, <c>time</c> …</param>
/// <param name="Unit">Unit of <see cref="Value"/> and <see cref="Samples"/>: <c>ms</c>, <c>ns</c>, <c>s</c>, <c>req/s</c>, <c>B</c>, <c>ratio</c>.</param>
/// <param name="Direction">Which way is better.</param>
/// <param name="Kind">How it is compared.</param>
/// <param name="Value">The run's summary value (the quantile, the rate, the mean time).</param>
/// <param name="Samples">The values behind it (may be empty when the input has only the summary).</param>
/// <param name="Failures">Error rate only: failed requests.</param>
/// <param name="Total">Error rate only: all requests.</param>
/// <param name="Intervals">The same quantity per second of the run, when the input has it (a Pacer result's overall p50/p95/p99,
/// a k6 stream's p50/p95/p99 of every group);
/// with one run a side, latency is bootstrapped over these rather than over requests, which are not independent.</param>
public sealed record Observation(
    string Group,
    string Metric,
    string Unit,
    MetricDirection Direction,
    ObservationKind Kind,
    double Value,
    IReadOnlyList<double> Samples,
    long Failures = 0,
    long Total = 0,
    IReadOnlyList<double>? Intervals = null);
