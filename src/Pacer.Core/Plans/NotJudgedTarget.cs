namespace Pacer.Core.Plans;

/// <summary>A target of an SLO file that a load test cannot judge, kept so it is shown with its reason, never silently dropped.</summary>
/// <param name="Key">Its place in the file: <c>performance_targets.availability.uptime</c>.</param>
/// <param name="Value">What the file asks: <c>&gt; 99.99%</c>.</param>
/// <param name="Reason">Why it is not judged here, and what could judge it.</param>
/// <param name="Origin">The file it came from: <c>slo: performance-targets.yaml</c>.</param>
public sealed record NotJudgedTarget(string Key, string Value, string Reason, string Origin);
