namespace Pacer.Core.Plans;

/// <summary>One threshold from a plan: <c>"http_req_duration{name:login}": ["p(95)&lt;50ms"]</c> gives one spec per expression.</summary>
/// <param name="Metric">Metric name, e.g. <c>http_req_duration</c>.</param>
/// <param name="Tags">Tag filter from the key's braces, e.g. name=login; empty for the whole metric.</param>
/// <param name="Expression">The parsed comparison.</param>
/// <param name="AbortOnFail">Stop the run as soon as this threshold fails (after <paramref name="DelayAbortEval"/>).</param>
/// <param name="DelayAbortEval">How long into the run before an abortOnFail threshold is evaluated.</param>
/// <param name="Text">The expression as written, for reports.</param>
public sealed record ThresholdSpec(
    string Metric,
    IReadOnlyList<KeyValuePair<string, string>> Tags,
    ThresholdExpression Expression,
    bool AbortOnFail,
    TimeSpan DelayAbortEval,
    string Text)
{
    /// <summary>Where the threshold came from when not the plan's own <c>thresholds:</c>: <c>slo: performance-targets.yaml</c>.</summary>
    public string? Origin { get; init; }

    /// <summary>What the threshold judges when its metric says less than its origin meant (an SLO key mapped onto a metric).</summary>
    public string? Meaning { get; init; }

    /// <summary>The metric key as k6 writes it: <c>http_req_duration{name:login}</c>.</summary>
    public string Key => Tags.Count == 0 ? Metric : $"{Metric}{{{string.Join(',', Tags.Select(t => $"{t.Key}:{t.Value}"))}}}";
}
