using Pacer.Core.Plans.Scenarios;

namespace Pacer.Core.Plans;

/// <summary>
/// One load a run of a plan drives side by side with the others: a scenario's own load, or the plan's load for a request mix or
/// for the scenarios that share it (<see cref="Of"/>, the rule the runner gives each a lane by).
/// </summary>
/// <param name="Name">How a message names it: <c>scenario 'NAME'</c> or <c>the plan's load</c>.</param>
/// <param name="Load">The load.</param>
/// <param name="Place">Where the load is written in the plan file, when it came from one.</param>
/// <param name="Scenario">The scenario whose own load it is; null for the plan's load.</param>
internal sealed record PlanLane(string Name, LoadProfile Load, PlanPlace? Place, ScenarioSpec? Scenario)
{
    /// <summary>The plan's lanes: the plan's load first when a request mix or any scenario shares it, then each scenario with a load of its own.</summary>
    public static List<PlanLane> Of(LoadPlan plan)
    {
        var lanes = plan.Scenarios.Where(s => s.Load is not null).Select(s => new PlanLane($"scenario '{s.Name}'", s.Load!, s.LoadPlace, s)).ToList();
        if (plan.Scenarios.Count == 0 || plan.Scenarios.Any(s => s.Load is null))
        {
            lanes.Insert(0, new PlanLane("the plan's load", plan.Load, plan.LoadPlace, null));
        }

        return lanes;
    }
}
