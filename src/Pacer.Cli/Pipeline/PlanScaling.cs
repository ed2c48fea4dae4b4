using Pacer.Core.Plans;

namespace Pacer.Cli.Pipeline;

/// <summary>Stretches or shrinks a plan's stages in proportion so the whole plan lasts a given time (used by <c>pacer demo --duration</c>).</summary>
internal static class PlanScaling
{
    public static LoadPlan ScaleTo(LoadPlan plan, TimeSpan total)
    {
        var factor = total / plan.Load.Duration;
        var stages = plan.Load.Stages.Select(s => s with { Duration = s.Duration * factor }).ToList();
        return plan with { Load = plan.Load with { Stages = stages } };
    }
}
