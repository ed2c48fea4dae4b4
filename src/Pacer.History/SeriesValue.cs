using Pacer.Analysis.Inputs;

namespace Pacer.History;

/// <summary>One quantity of one stored run: a point of the series (plan, <paramref name="Group"/>, <paramref name="Metric"/>).</summary>
/// <param name="Group">The request, benchmark or command measured, or <c>all</c>.</param>
/// <param name="Metric">The quantity (<c>p95</c>, <c>rps</c>, <c>error_rate</c>, <c>ns/op</c> …).</param>
/// <param name="Unit">Its unit.</param>
/// <param name="Direction">Which way is better.</param>
/// <param name="Value">The run's value.</param>
/// <param name="Distribution">A Pacer run's latency histogram for the group (latency quantiles only), as encoded in the result file.</param>
internal sealed record SeriesValue(string Group, string Metric, string Unit, MetricDirection Direction, double Value, string? Distribution);
