using Pacer.Core.Results;

namespace Pacer.Analysis.Findings;

/// <summary>
/// The findings of a run: what limited the service, ranked, each citing its evidence (docs/watching.md#findings). A pure
/// function of a <see cref="RunResult"/>, so a saved result (<c>pacer report old.json</c>) gets the same list as the live run.
/// </summary>
public static class RunFindings
{
    private static readonly IFindingRule[] Rules =
    [
        new GeneratorLimitRule(),
        new CpuBoundRule(),
        new ThrottledRule(),
        new LatencyRoseRule(),
        new ErrorsRoseRule(),
        new MemoryGrowthRule(),
        new GcTimeRule(),
    ];

    /// <summary>Runs every rule that the result has data for and ranks what they found.</summary>
    public static FindingsReport Analyze(RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var watched = result.Target is { Metrics.Count: > 0 };
        var findings = Rules
            .Where(r => watched || !r.NeedsTarget)
            .Select(r => r.Evaluate(result))
            .OfType<Finding>()
            .OrderBy(f => f.Rank)
            .ToList();
        return new FindingsReport(findings, watched);
    }
}
