namespace Pacer.Core.Plans;

/// <summary>
/// How many exchanges a plan may have in flight at once: over HTTP/1.1, each needs a connection of its own, so this is the
/// most connections (sockets, file descriptors, ephemeral ports) a run of the plan may hold.
/// </summary>
public static class PlanConcurrency
{
    /// <summary>
    /// The most exchanges <paramref name="plan"/> may have in flight at once, summed over the loads that run side by side:
    /// the plan's own load (unless every scenario has a load of its own) and each scenario's own load. An open-model load
    /// counts its connection pool (<c>max_connections</c>), a closed-model one its peak number of virtual users.
    /// </summary>
    /// <param name="plan">A validated plan.</param>
    /// <returns>The peak, at most <see cref="int.MaxValue"/>.</returns>
    public static int Peak(LoadPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);

        return (int)Math.Min(int.MaxValue, PlanLane.Of(plan).Sum(lane => (long)Peak(lane.Load)));
    }

    /// <summary>The most exchanges one load may have in flight: its connection pool (open model) or its peak virtual users (closed).</summary>
    /// <param name="load">A plan's load or a scenario's.</param>
    public static int Peak(LoadProfile load)
    {
        ArgumentNullException.ThrowIfNull(load);
        if (load.Model == LoadModel.Open)
        {
            return load.MaxConnections;
        }

        return (int)Math.Min(int.MaxValue, Math.Ceiling(load.PeakTarget));
    }
}
