namespace Pacer.Analysis.Findings;

/// <summary>What the findings rules made of a run.</summary>
/// <param name="Findings">What limited the service, most important first; empty for a healthy run.</param>
/// <param name="TargetWatched">
/// Whether the run watched its target (<c>--watch-pid</c>, <c>--watch-cmd</c> …): when it did not, only the rules that need no
/// target data ran (generator, latency, errors), and a report says so once.
/// </param>
public sealed record FindingsReport(IReadOnlyList<Finding> Findings, bool TargetWatched);
