namespace Pacer.Core.Results;

/// <summary>Thresholds judged on a saved result (<see cref="ResultThresholds.Judge"/>).</summary>
/// <param name="Thresholds">Every threshold's verdict, in the order given.</param>
/// <param name="NotPassedReason">
/// Why the run cannot pass whatever the thresholds say (requests were sent and none got a response), as in
/// <see cref="RunResult.NotPassedReason"/>; null otherwise.
/// </param>
public sealed record ThresholdCheck(IReadOnlyList<ThresholdResult> Thresholds, string? NotPassedReason)
{
    /// <summary>Every threshold passed and nothing else voids the run: what <c>pacer run</c> would exit 0 on.</summary>
    public bool Passed => NotPassedReason is null && Thresholds.All(t => t.Passed);
}
