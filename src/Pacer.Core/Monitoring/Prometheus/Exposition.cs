namespace Pacer.Core.Monitoring.Prometheus;

/// <summary>One parsed scrape: every sample in order, and the type each <c># TYPE</c> line declared.</summary>
/// <param name="Samples">The samples, in the order written.</param>
/// <param name="Types">Family name → declared type.</param>
internal sealed record Exposition(IReadOnlyList<ExpositionSample> Samples, IReadOnlyDictionary<string, MetricType> Types);
