namespace Pacer.Core.Plans;

/// <summary>What an SLO file (<c>--slo performance-targets.yaml</c>) asks of a run: the thresholds its keys map to, and the keys a load test cannot judge.</summary>
/// <param name="Thresholds">One threshold per judged key, in file order, each with its origin and what it means.</param>
/// <param name="NotJudged">The keys not judged here, each with why.</param>
public sealed record SloTargets(IReadOnlyList<ThresholdSpec> Thresholds, IReadOnlyList<NotJudgedTarget> NotJudged);
