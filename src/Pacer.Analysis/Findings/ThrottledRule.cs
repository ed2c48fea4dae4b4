using Pacer.Core.Results;

namespace Pacer.Analysis.Findings;

/// <summary>
/// Throttled by its cgroup limit: the mean of <c>target_throttled</c> (the share of CPU scheduler periods in which the cgroup
/// used up its quota and was held back) is at least <see cref="MinMean"/>.
/// </summary>
internal sealed class ThrottledRule : IFindingRule
{
    public const int Rank = 20;

    /// <summary>Throttled in at least this share of the periods on average: a tenth of the periods held back is a limit, not noise.</summary>
    public const double MinMean = 0.10;

    public bool NeedsTarget => true;

    public Finding? Evaluate(RunResult result)
    {
        if (RunSeconds.Target(result, "target_throttled") is not { } throttled)
        {
            return null;
        }

        var mean = throttled.Series.Average(p => p.V);
        if (mean < MinMean)
        {
            return null;
        }

        var peak = RunSeconds.Peak(throttled.Series);
        return new Finding(
            FindingKind.Throttled,
            Rank,
            "throttled",
            "throttled by its cgroup CPU limit in {throttled} of the scheduler periods (peak {peak} at second {peak_at}): raise the quota (cpu.max) or use less CPU",
            [
                new FindingEvidence("throttled", mean, FindingUnit.Ratio) { From = throttled.Series[0].T, To = throttled.Series[^1].T },
                new FindingEvidence("peak", peak.V, FindingUnit.Ratio) { From = peak.T, To = peak.T },
                new FindingEvidence("peak_at", peak.T, FindingUnit.Second),
            ]);
    }
}
