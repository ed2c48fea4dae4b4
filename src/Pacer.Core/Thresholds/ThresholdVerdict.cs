using Pacer.Core.Plans;

namespace Pacer.Core.Thresholds;

/// <summary>The outcome of one threshold: passed or not, the value observed (base units), and a note for special cases.</summary>
public sealed record ThresholdVerdict(ThresholdSpec Spec, bool Passed, double? Actual, string? Note);
