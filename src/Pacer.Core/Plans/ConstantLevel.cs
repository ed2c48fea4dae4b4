namespace Pacer.Core.Plans;

/// <summary>
/// One constant level of load for a whole plan (a step of a capacity search): arrivals a second for an open plan, virtual users
/// for a closed one. A plan whose scenarios bring loads of their own runs several lanes side by side; the level is then split
/// over the lanes by each one's share of the plan's own peak targets (a scenario at 150/s beside the plan's 50/s takes three
/// quarters of every level), so the plan's mix is kept and the total offered is the level claimed. Lanes of different models
/// cannot share one level: such a plan is refused, naming the load that differs.
/// </summary>
public static class ConstantLevel
{
    /// <summary>What a level of <paramref name="plan"/> counts: the model every lane of it shares.</summary>
    /// <exception cref="PlanException">Its lanes differ in model (an open plan with a closed scenario, say); the error names the scenario's load.</exception>
    public static LoadModel ModelOf(LoadPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var lanes = PlanLane.Of(plan);
        var first = lanes[0];
        if (lanes.FirstOrDefault(l => l.Load.Model != first.Load.Model) is { } other)
        {
            var (otherModel, firstModel) = (Counts(other.Load.Model), Counts(first.Load.Model));
            var message = $"{other.Name} has a load of its own in {otherModel}, but {first.Name} is in {firstModel}; a capacity search holds one level, split over the plan's loads by their shares, so they must count the same thing";
            var hint = "give every load the same model, or search this scenario's capacity with a plan of its own";
            throw new PlanException([other.Place?.Error(message, hint) ?? new PlanError(plan.Source.Path, 0, 0, message, hint)]);
        }

        return first.Load.Model;
    }

    /// <summary>The plan's own highest level: the peak targets of its lanes added up (where a search of it naturally starts).</summary>
    /// <exception cref="PlanException">As <see cref="ModelOf"/>.</exception>
    public static double Peak(LoadPlan plan)
    {
        ModelOf(plan);
        return PlanLane.Of(plan).Sum(l => l.Load.PeakTarget);
    }

    /// <summary>Each lane's share of a level, by name ("the plan's load" for the lane of the scenarios without a load of their own).</summary>
    /// <exception cref="PlanException">As <see cref="ModelOf"/>.</exception>
    public static IReadOnlyList<KeyValuePair<string, double>> Shares(LoadPlan plan)
    {
        ModelOf(plan);
        var lanes = PlanLane.Of(plan);
        return [.. lanes.Zip(SharesOf(lanes), (lane, share) => new KeyValuePair<string, double>(lane.Name, share))];
    }

    /// <summary>
    /// <paramref name="plan"/> holding <paramref name="level"/> from its first second for <paramref name="duration"/>: every lane
    /// one constant stage at its share of the level (whole users for a closed plan, apportioned by largest remainder so they add
    /// up to the level), request bounds dropped (the duration bounds a step). The lanes keep their pools, queue waits and stops.
    /// </summary>
    /// <exception cref="PlanException">As <see cref="ModelOf"/>.</exception>
    public static LoadPlan Hold(LoadPlan plan, double level, TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentOutOfRangeException.ThrowIfNegative(level);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);
        var model = ModelOf(plan);
        var lanes = PlanLane.Of(plan);
        var shares = SharesOf(lanes);
        var levels = model == LoadModel.Closed ? Apportion(Math.Round(level), shares) : [.. shares.Select(s => s * level)];
        var held = lanes.Select((lane, i) => At(lane.Load, levels[i], duration)).ToList();
        var shared = lanes.FindIndex(l => l.Scenario is null);
        return plan with
        {
            // Without a lane of its own, the plan's load only stands for the plan in reports: it shows the whole level.
            Load = shared >= 0 ? held[shared] : At(plan.Load, level, duration),
            Scenarios = [.. plan.Scenarios.Select(s => s.Load is null ? s : s.WithLoad(held[lanes.FindIndex(l => ReferenceEquals(l.Scenario, s))]))],
        };
    }

    /// <summary>A mistake about the plan's load as a whole, placed at its <c>load:</c> (or, without one, the first scenario's own).</summary>
    public static PlanError LoadError(LoadPlan plan, string message, string? hint = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var place = PlanLane.Of(plan)[0].Place;
        return place?.Error(message, hint) ?? new PlanError(plan.Source.Path, 0, 0, message, hint);
    }

    private static LoadProfile At(LoadProfile load, double level, TimeSpan duration) =>
        load with { StartTarget = level, Stages = [new Stage(duration, level)], MaxRequests = null };

    private static double[] SharesOf(List<PlanLane> lanes)
    {
        var peaks = lanes.Select(l => l.Load.PeakTarget).ToArray();
        var total = peaks.Sum();
        return total > 0 ? [.. peaks.Select(p => p / total)] : [.. peaks.Select(_ => 1.0 / peaks.Length)];
    }

    /// <summary>Whole users for each lane in proportion to its share, adding up to <paramref name="users"/> (largest remainder; ties to the earlier lane).</summary>
    private static double[] Apportion(double users, double[] shares)
    {
        var exact = shares.Select(s => s * users).ToArray();
        var whole = exact.Select(Math.Floor).ToArray();
        var left = (int)(users - whole.Sum());
        foreach (var i in Enumerable.Range(0, shares.Length).OrderByDescending(i => exact[i] - whole[i]).ThenBy(i => i).Take(left))
        {
            whole[i]++;
        }

        return whole;
    }

    private static string Counts(LoadModel model) => model == LoadModel.Open ? "the open model (arrivals a second)" : "the closed model (virtual users)";
}
