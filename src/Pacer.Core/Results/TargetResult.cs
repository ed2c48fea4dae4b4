namespace Pacer.Core.Results;

/// <summary>
/// What the run saw of the service under load (docs/watching.md, docs/results-schema.md#target): every watched source with its
/// errors, and every watched metric with its per-second values, aligned with the run's own <see cref="RunResult.Series"/>.
/// </summary>
/// <param name="Sources">Every source watched, in the order given, with what went wrong with it.</param>
/// <param name="Metrics">Every metric read, grouped by source in source order, each with its summary and its seconds.</param>
public sealed record TargetResult(IReadOnlyList<TargetSourceResult> Sources, IReadOnlyList<TargetMetricResult> Metrics);
