namespace Pacer.Core.Results;

/// <summary>A threshold's verdict.</summary>
/// <param name="Metric">The metric key, with tag filter: <c>http_req_duration{name:login}</c>.</param>
/// <param name="Expression">As written: <c>p(95)&lt;50ms</c>.</param>
/// <param name="Passed">Whether it held at the end of the run (or when it aborted the run).</param>
/// <param name="Actual">The observed value in the expression's base unit (ms, fraction, count); null with no samples.</param>
/// <param name="AbortOnFail">Whether failing it stops the run.</param>
/// <param name="Note">Extra context, e.g. "no samples" or "aborted the run at 12.0 s".</param>
public sealed record ThresholdResult(
    string Metric,
    string Expression,
    bool Passed,
    double? Actual,
    bool AbortOnFail,
    string? Note)
{
    /// <summary>Where it came from when not the plan's <c>thresholds:</c> (<c>slo: performance-targets.yaml</c>); absent for the plan's own.</summary>
    public string? Origin { get; init; }

    /// <summary>What it judges when its metric says less than its origin meant (an SLO key mapped onto a metric); absent otherwise.</summary>
    public string? Meaning { get; init; }
}
