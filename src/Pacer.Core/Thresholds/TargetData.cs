namespace Pacer.Core.Thresholds;

/// <summary>What the run watched of its target, for thresholds: the source kinds in source order and every metric they gave.</summary>
/// <param name="Sources">The kinds of the sources watched (<c>pid</c>, <c>cgroup</c>, <c>metrics</c> …), in the order given.</param>
/// <param name="Metrics">Every metric read, grouped by source in source order: a threshold without a source tag takes the first.</param>
internal sealed record TargetData(IReadOnlyList<string> Sources, IReadOnlyList<TargetFigures> Metrics);
