namespace Pacer.Core.Results;

/// <summary>A target of an SLO file that the run did not judge, and why (docs/results-schema.md#not_judged).</summary>
/// <param name="Key">Its place in the file: <c>performance_targets.availability.uptime</c>.</param>
/// <param name="Value">What the file asks: <c>&gt; 99.99%</c>.</param>
/// <param name="Reason">Why a load test does not judge it, and what could.</param>
/// <param name="Origin">The file: <c>slo: performance-targets.yaml</c>.</param>
public sealed record NotJudgedResult(string Key, string Value, string Reason, string Origin);
