using MathNet.Numerics.Distributions;
using Pacer.Analysis.Statistics;

namespace Pacer.Analysis.Tuning;

/// <summary>
/// Picks the next setting to try from the trials so far, and at the end the setting to recommend. A pure function of the space,
/// the trials and the options (the seed): no state between calls, so a run stopped and resumed proposes exactly what it would
/// have, and every choice is testable without a service. docs/tuning.md says how the methods compare on noisy test functions.
/// </summary>
public static class Tuner
{
    /// <summary>Above this many settings the acquisition is maximised over sampled candidates instead of the whole grid.</summary>
    private const long ExhaustiveCandidates = 4096;

    private const int RandomCandidates = 2048;
    private const int LocalCandidates = 96;

    /// <summary>The method <see cref="TuningMethod.Auto"/> resolves to: the grid when every setting fits in the budget, else Bayesian.</summary>
    public static TuningMethod Resolve(TuningSpace space, TunerOptions options)
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(options);
        return options.Method switch
        {
            TuningMethod.Auto => space.Size is { } size && size <= options.Budget ? TuningMethod.Grid : TuningMethod.Bayesian,
            TuningMethod.Grid when space.Size is null => throw new ArgumentException("a grid needs every knob to have a list of values or an integer range"),
            _ => options.Method,
        };
    }

    /// <summary>The coordinates of the next setting to try, given the <paramref name="trials"/> so far.</summary>
    public static double[] Next(TuningSpace space, IReadOnlyList<TuningTrial> trials, TunerOptions options)
    {
        ArgumentNullException.ThrowIfNull(trials);
        var method = Resolve(space, options);
        var count = trials.Count;
        switch (method)
        {
            case TuningMethod.Grid:
                var size = space.Size!.Value;
                return space.GridPoint(GridOrder(size, options.Seed)[(int)(count % size)]);
            case TuningMethod.Random:
                var random = new SplitMix64(Mix(options.Seed, (ulong)count));
                return space.Snap([.. space.Dimensions.Select(_ => GaussianProcess.Unit(random))]);
            default:
                var initial = options.InitialFor(space.Dimensions.Count);
                var usable = trials.Count(t => t.Value is not null);
                return count < initial || usable < 2
                    ? space.Snap(LatinHypercube(space.Dimensions.Count, initial, options.Seed)[count % initial])
                    : method == TuningMethod.Forest
                        ? AcquireByForest(space, trials, options.Seed ^ (ulong)count)
                        : Acquire(space, trials, options.Seed ^ (ulong)count);
        }
    }

    /// <summary>
    /// The index in <paramref name="trials"/> of the setting to recommend, or −1 when no trial met the SLO. With three or more
    /// measurements it is the feasible trial whose <em>modelled</em> value is highest, not the luckiest single measurement: in
    /// noise the best-looking trial is usually one that drew good noise.
    /// </summary>
    public static int Recommend(TuningSpace space, IReadOnlyList<TuningTrial> trials, ulong seed = 1)
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(trials);
        var feasible = Enumerable.Range(0, trials.Count).Where(i => trials[i] is { Feasible: true, Value: not null }).ToList();
        if (feasible.Count == 0)
        {
            return -1;
        }

        if (trials.Count(t => t.Value is not null) < 3)
        {
            return feasible.MaxBy(i => trials[i].Value!.Value);
        }

        var model = GaussianProcess.Fit([.. trials.Select(t => t.Point)], Penalised(trials), seed);
        return feasible.MaxBy(i => model.Predict(trials[i].Point).Mean);
    }

    /// <summary>
    /// How much the objective moves with each knob: the modelled objective averaged over the other knobs (partial dependence),
    /// its range across the knob's values, and the knob's share of the variance of those curves. Empty with fewer than three
    /// measurements.
    /// </summary>
    public static IReadOnlyList<KnobSensitivity> Sensitivity(TuningSpace space, IReadOnlyList<TuningTrial> trials, ulong seed = 1)
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(trials);
        var measured = trials.Where(t => t.Value is not null).ToList();
        if (measured.Count < 3)
        {
            return [];
        }

        var model = GaussianProcess.Fit([.. measured.Select(t => t.Point)], [.. measured.Select(t => t.Value!.Value)], seed);
        var random = new SplitMix64(Mix(seed, 0x5E45));
        var background = Enumerable.Range(0, 128).Select(_ => space.Snap([.. space.Dimensions.Select(_ => GaussianProcess.Unit(random))])).ToList();
        var curves = new List<(TuningDimension Dimension, double[] Levels, double[] Values)>();
        for (var d = 0; d < space.Dimensions.Count; d++)
        {
            var dimension = space.Dimensions[d];
            var levels = dimension.IsDiscrete && dimension.Levels <= 16
                ? Enumerable.Range(0, dimension.Levels).Select(dimension.UnitOf).ToArray()
                : Enumerable.Range(0, 11).Select(i => dimension.Snap(i / 10.0)).Distinct().ToArray();
            var values = levels.Select(level => background.Average(b =>
            {
                var point = (double[])b.Clone();
                point[d] = level;
                return model.Predict(point).Mean;
            })).ToArray();
            curves.Add((dimension, levels, values));
        }

        var variances = curves.Select(c => Variance(c.Values)).ToArray();
        var total = variances.Sum();
        return [.. curves.Select((c, i) => new KnobSensitivity(
            c.Dimension.Name,
            c.Values.Max() - c.Values.Min(),
            total > 0 ? variances[i] / total : 0,
            c.Levels,
            c.Values))];
    }

    /// <summary>
    /// The model step: a Gaussian process on the measurements (an infeasible trial counts as a little worse than the worst feasible
    /// one), noisy expected improvement — improvement over the best <em>modelled</em> value among the trials, not the best noisy
    /// measurement, so one lucky draw does not stop the search — times the modelled chance of meeting the SLO.
    /// </summary>
    private static double[] Acquire(TuningSpace space, IReadOnlyList<TuningTrial> trials, ulong seed)
    {
        var points = trials.Select(t => t.Point).ToList();
        var model = GaussianProcess.Fit(points, Penalised(trials), seed);
        var noise = model.NoiseSd * model.NoiseSd;

        // The incumbent is the tried setting with the best modelled value less one standard deviation (Huang et al.'s
        // "effective best"): a setting measured once and lucky does not set the bar for the others.
        double Effective(TuningTrial t)
        {
            var (m, v) = model.Predict(t.Point);
            return m - Math.Sqrt(v);
        }

        var incumbent = trials.Where(t => t.Feasible && t.Value is not null).Select(Effective).DefaultIfEmpty(double.NaN).Max();
        if (double.IsNaN(incumbent))
        {
            incumbent = trials.Max(Effective);
        }

        var anyInfeasible = trials.Any(t => !t.Feasible);
        var anyFeasible = trials.Any(t => t.Feasible);
        var feasibility = anyInfeasible && anyFeasible
            ? GaussianProcess.Fit(points, [.. trials.Select(t => t.Feasible ? 1.0 : -1.0)], seed + 1)
            : null;

        return BestCandidate(space.Snap(points[0]), Candidates(space, trials, p => model.Predict(p).Mean, seed), candidate =>
        {
            var (mean, variance) = model.Predict(candidate);
            var ei = ExpectedImprovement(mean - incumbent, Math.Sqrt(variance));

            // Augmented EI: what one more noisy measurement can still teach. Where the model already knows the function about
            // as well as a measurement could tell it (a setting measured again and again), the factor goes to 0; where it knows
            // little, to 1. Without it, a discrete knob's best-so-far setting keeps about 0.4 sd of EI however often it was
            // measured, and the search re-measured it instead of trying its untried neighbours (the 32-level worker axis).
            ei *= 1 - Math.Sqrt(noise / (variance + noise));
            if (feasibility is not null)
            {
                var (m, v) = feasibility.Predict(candidate);
                ei *= Normal.CDF(0, 1, m / Math.Sqrt(v + 0.05));
            }

            return ei;
        });
    }

    /// <summary>
    /// The model step with a <see cref="RegressionForest"/> (SMAC's): expected improvement over the best modelled value among the
    /// feasible trials, the forest's spread as the uncertainty, times the share of a second forest's trees (on ±1 feasibility
    /// labels) that expect the SLO to hold; the same penalised values and candidates as the Gaussian process.
    /// </summary>
    private static double[] AcquireByForest(TuningSpace space, IReadOnlyList<TuningTrial> trials, ulong seed)
    {
        var points = trials.Select(t => t.Point).ToList();
        var model = RegressionForest.Fit(points, Penalised(trials), seed);
        var incumbent = trials.Where(t => t.Feasible && t.Value is not null).Select(t => model.Predict(t.Point).Mean).DefaultIfEmpty(double.NaN).Max();
        if (double.IsNaN(incumbent))
        {
            incumbent = trials.Max(t => model.Predict(t.Point).Mean);
        }

        var feasibility = trials.Any(t => !t.Feasible) && trials.Any(t => t.Feasible)
            ? RegressionForest.Fit(points, [.. trials.Select(t => t.Feasible ? 1.0 : -1.0)], seed + 1)
            : null;

        return BestCandidate(space.Snap(points[0]), Candidates(space, trials, p => model.Predict(p).Mean, seed), candidate =>
        {
            var (mean, variance) = model.Predict(candidate);
            var ei = ExpectedImprovement(mean - incumbent, Math.Sqrt(variance));
            if (feasibility is not null)
            {
                // The trees' mean label from −1 to 1 is twice the share of feasible measurements they expect, less one.
                ei *= Math.Clamp((feasibility.Predict(candidate).Mean + 1) / 2, 0, 1);
            }

            return ei;
        });
    }

    /// <summary>The candidate with the highest acquisition score (the first of equals), or <paramref name="fallback"/> when there is none.</summary>
    private static double[] BestCandidate(double[] fallback, IEnumerable<double[]> candidates, Func<double[], double> score)
    {
        double? bestScore = null;
        var best = fallback;
        foreach (var candidate in candidates)
        {
            var value = score(candidate);
            if (bestScore is null || value > bestScore)
            {
                bestScore = value;
                best = candidate;
            }
        }

        return best;
    }

    private static double ExpectedImprovement(double improvement, double sd) =>
        sd < 1e-12 ? Math.Max(0, improvement) : improvement * Normal.CDF(0, 1, improvement / sd) + sd * Normal.PDF(0, 1, improvement / sd);

    private static IEnumerable<double[]> Candidates(TuningSpace space, IReadOnlyList<TuningTrial> trials, Func<IReadOnlyList<double>, double> modelled, ulong seed)
    {
        if (space.Size is { } size && size <= ExhaustiveCandidates)
        {
            for (long i = 0; i < size; i++)
            {
                yield return space.GridPoint(i);
            }

            yield break;
        }

        var random = new SplitMix64(Mix(seed, 0xCA9D));
        for (var i = 0; i < RandomCandidates; i++)
        {
            yield return space.Snap([.. space.Dimensions.Select(_ => GaussianProcess.Unit(random))]);
        }

        // Around the most promising trials: the optimum of a smooth objective is usually near the best modelled points.
        var leaders = trials.OrderByDescending(t => modelled(t.Point)).Take(4).ToList();
        foreach (var leader in leaders)
        {
            for (var i = 0; i < LocalCandidates; i++)
            {
                var spread = i % 2 == 0 ? 0.03 : 0.12;
                yield return space.Snap([.. leader.Point.Select(c => c + spread * GaussianProcess.Normal(random))]);
            }
        }
    }

    /// <summary>
    /// The values the model is fitted to: a measured feasible trial as it is; an infeasible one, or one that measured nothing,
    /// a fifth of the feasible spread below the worst feasible value (the SLO as a penalty), so the model learns to avoid it
    /// without a cliff that would wreck the fit. With no feasible trial yet the measurements stand as they are.
    /// </summary>
    private static double[] Penalised(IReadOnlyList<TuningTrial> trials)
    {
        var feasible = trials.Where(t => t.Feasible && t.Value is not null).Select(t => t.Value!.Value).ToList();
        var measured = trials.Where(t => t.Value is not null).Select(t => t.Value!.Value).ToList();
        var pool = feasible.Count > 0 ? feasible : measured;
        var low = pool.Count > 0 ? pool.Min() : 0;
        var spread = pool.Count > 1 ? pool.Max() - low : Math.Max(1e-9, Math.Abs(low) * 0.1);
        var penalty = low - 0.2 * (spread > 0 ? spread : Math.Max(1e-9, Math.Abs(low) * 0.1));
        return [.. trials.Select(t => feasible.Count == 0 ? t.Value ?? penalty : t.Feasible && t.Value is { } v ? v : Math.Min(t.Value ?? penalty, penalty))];
    }

    /// <summary>A Latin hypercube of <paramref name="count"/> points in <paramref name="dimensions"/> dimensions: each knob's range cut into <paramref name="count"/> slices, each slice used once.</summary>
    internal static double[][] LatinHypercube(int dimensions, int count, ulong seed)
    {
        var random = new SplitMix64(Mix(seed, 0x1A7));
        var design = new double[count][];
        for (var i = 0; i < count; i++)
        {
            design[i] = new double[dimensions];
        }

        for (var d = 0; d < dimensions; d++)
        {
            var slices = Enumerable.Range(0, count).ToArray();
            for (var i = count - 1; i > 0; i--)
            {
                var j = random.Below(i + 1);
                (slices[i], slices[j]) = (slices[j], slices[i]);
            }

            for (var i = 0; i < count; i++)
            {
                design[i][d] = (slices[i] + GaussianProcess.Unit(random)) / count;
            }
        }

        return design;
    }

    private static long[] GridOrder(long size, ulong seed)
    {
        // A seeded order, not the natural one: a service that drifts over the run (warming caches, a neighbour's load) would
        // otherwise favour whichever knob values come last.
        var order = Enumerable.Range(0, (int)size).Select(i => (long)i).ToArray();
        var random = new SplitMix64(Mix(seed, 0x691D));
        for (var i = order.Length - 1; i > 0; i--)
        {
            var j = random.Below(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }

        return order;
    }

    private static double Variance(double[] values)
    {
        var mean = values.Average();
        return values.Sum(v => (v - mean) * (v - mean)) / values.Length;
    }

    private static ulong Mix(ulong seed, ulong salt) => new SplitMix64(seed * 0x9E3779B97F4A7C15UL ^ salt).NextBits();
}
