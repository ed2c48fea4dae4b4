using Pacer.Core.Plans;

namespace Pacer.Core.Scheduling;

/// <summary>
/// How many virtual users the closed model runs at each moment: linear between stage targets (k6 ramping-VUs semantics),
/// rounded to the nearest whole user.
/// </summary>
internal sealed class VirtualUserSchedule
{
    private readonly LoadProfile load;

    public VirtualUserSchedule(LoadProfile load)
    {
        this.load = load;
        Duration = load.Duration;
        MaxUsers = (int)Math.Ceiling(load.PeakTarget);
    }

    /// <summary>Total length of the plan.</summary>
    public TimeSpan Duration { get; }

    /// <summary>The most users the plan ever asks for.</summary>
    public int MaxUsers { get; }

    /// <summary>Users that should be running at <paramref name="t"/>; 0 after the plan.</summary>
    public int TargetAt(TimeSpan t)
    {
        var from = load.StartTarget;
        var start = TimeSpan.Zero;
        foreach (var stage in load.Stages)
        {
            if (t < start + stage.Duration)
            {
                var f = stage.Duration <= TimeSpan.Zero ? 1 : (t - start) / stage.Duration;
                return (int)Math.Round(from + ((stage.Target - from) * f), MidpointRounding.AwayFromZero);
            }

            start += stage.Duration;
            from = stage.Target;
        }

        return 0;
    }
}
