namespace Pacer.Analysis.History;

/// <summary>
/// What a history series follows from run to run: one quantity of one request of one plan. Keyed by the plan's name (not its
/// digest), so an edited plan continues its series.
/// </summary>
/// <param name="Plan">The plan's name (or, for an imported benchmark file, the name given at import).</param>
/// <param name="Group">The request or benchmark measured, or <c>all</c> (an <see cref="Inputs.Observation.Group"/>).</param>
/// <param name="Metric">The quantity: <c>p50</c>, <c>p95</c>, <c>p99</c>, <c>rps</c>, <c>error_rate</c>, <c>ns/op</c> … (an
/// <see cref="Inputs.Observation.Metric"/>).</param>
public readonly record struct SeriesKey(string Plan, string Group, string Metric)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Plan} · {Group} · {Metric}";
}
