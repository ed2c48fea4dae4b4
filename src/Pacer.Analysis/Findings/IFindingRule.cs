using Pacer.Core.Results;

namespace Pacer.Analysis.Findings;

/// <summary>One rule of docs/watching.md#findings: a pure function of a run that says whether its limit was found, and the evidence.</summary>
internal interface IFindingRule
{
    /// <summary>Whether the rule reads the target's metrics (it is not run for a result without any).</summary>
    bool NeedsTarget { get; }

    /// <summary>The finding, or null when the run does not show it.</summary>
    Finding? Evaluate(RunResult result);
}
