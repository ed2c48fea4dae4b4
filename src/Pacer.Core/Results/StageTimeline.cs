using Pacer.Core.Plans;

namespace Pacer.Core.Results;

/// <summary>
/// The planned stages as the result file draws them under the series: each stage's start, length and targets, and the target
/// at any second. Not Scheduling's schedules: those answer what the engine must do (whole virtual users, no arrivals after the
/// plan), while a chart of the drain wants the last target held and the exact line between stage targets.
/// </summary>
internal static class StageTimeline
{
    public static List<StageInfo> Stages(LoadProfile load)
    {
        var list = new List<StageInfo>(load.Stages.Count);
        var start = 0.0;
        var from = load.StartTarget;
        foreach (var stage in load.Stages)
        {
            list.Add(new StageInfo(start, stage.Duration.TotalSeconds, from, stage.Target));
            start += stage.Duration.TotalSeconds;
            from = stage.Target;
        }

        return list;
    }

    /// <summary>The planned target at <paramref name="t"/> seconds: linear within a stage, the last target after the plan.</summary>
    public static double TargetAt(IReadOnlyList<StageInfo> stages, double startTarget, double t)
    {
        foreach (var s in stages)
        {
            if (t <= s.StartSeconds + s.DurationSeconds)
            {
                var f = s.DurationSeconds <= 0 ? 1 : Math.Clamp((t - s.StartSeconds) / s.DurationSeconds, 0, 1);
                return s.From + ((s.To - s.From) * f);
            }
        }

        return stages.Count == 0 ? startTarget : stages[^1].To;
    }
}
