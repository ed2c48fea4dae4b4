using Pacer.Core.Plans;

namespace Pacer.Cli.Pipeline;

/// <summary>
/// Stretches or shrinks a plan's stages in proportion so the whole plan lasts a given time (<c>pacer run plan.yaml --duration</c>,
/// <c>pacer demo --duration</c>). Scenarios with a load of their own are scaled by the same factor, so they keep their places
/// relative to each other and to the plan's load.
/// </summary>
internal static class PlanScaling
{
    public static LoadPlan ScaleTo(LoadPlan plan, TimeSpan total)
    {
        var longest = plan.Scenarios.Select(s => s.Load?.Duration ?? TimeSpan.Zero).Append(plan.Load.Duration).Max();
        if (longest <= TimeSpan.Zero)
        {
            return plan;
        }

        var factor = total / longest;
        return plan with
        {
            Load = Scale(plan.Load, factor),
            Scenarios = [.. plan.Scenarios.Select(s => s.Load is { } own ? s.WithLoad(Scale(own, factor)) : s)],
        };
    }

    private static LoadProfile Scale(LoadProfile load, double factor) =>
        load with { Stages = [.. load.Stages.Select(s => s with { Duration = s.Duration * factor })] };
}
