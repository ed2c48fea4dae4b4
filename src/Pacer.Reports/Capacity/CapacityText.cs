using System.Globalization;
using Pacer.Analysis.Capacity;
using Units = Pacer.Reports.Formatting.Units;

namespace Pacer.Reports.Capacity;

/// <summary>The sentences every view of a capacity report shares (console, HTML), so they cannot say different things.</summary>
internal static class CapacityText
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>A level: <c>1,840 req/s</c> for an open plan, <c>24 users</c> for a closed one.</summary>
    public static string Level(double level, bool closed) => closed
        ? level.ToString("#,0", Inv) + (level == 1 ? " user" : " users")
        : (level >= 100 ? level.ToString("#,0", Inv) : level.ToString("#,0.#", Inv)) + " req/s";

    /// <summary>The headline: what the service sustains, with its interval, or why there is no such number.</summary>
    public static string Headline(CapacityReport report)
    {
        var search = report.Search;
        var closed = report.Closed;
        string Interval() => search.Lower is { } low && search.Upper is { } high
            ? $" [{Bare(low)}, {Bare(high)}]"
            : "";
        string Bare(double v) => closed ? v.ToString("#,0", Inv) : v >= 100 ? v.ToString("#,0", Inv) : v.ToString("#,0.#", Inv);
        return search.Outcome switch
        {
            CapacityOutcome.NoneHeld => $"no load held the targets, down to {Level(search.Steps.Min(s => s.Level), closed)}",
            CapacityOutcome.AboveMaximum => $"sustains at least {Level(search.Capacity!.Value, closed)}: the highest load allowed (--max) still held",
            CapacityOutcome.GeneratorLimited => search.Capacity is { } c
                ? $"sustains at least {Level(c, closed)}; above it the load generator, not the service, was the limit"
                : "the load generator, not the service, was the limit from the first step",
            CapacityOutcome.Interrupted => search.Capacity is { } c ? $"interrupted; sustained {Level(c, closed)} so far" : "interrupted before any step held",
            CapacityOutcome.StepBudget => $"sustains {Level(search.Capacity ?? 0, closed)}{Interval()} (the step budget ran out before the interval was as narrow as asked)",
            _ => $"sustains {Level(search.Capacity!.Value, closed)}{Interval()}",
        };
    }

    /// <summary>The knee, with whether the cross-check agrees.</summary>
    public static string? Knee(CapacityReport report) => report.Knee is { } knee
        ? $"p95 bends upward at {Level(knee.Kneedle, report.Closed)} (Kneedle); the L-method puts it at {Level(knee.LMethod, report.Closed)}" + (knee.Agree ? ", in agreement" : ", which disagrees: read the curve")
        : null;

    /// <summary>The USL fit with its intervals, or why there is none.</summary>
    public static string Usl(CapacityReport report)
    {
        if (report.Usl is not { } fit)
        {
            return $"USL: not fitted (it needs at least {UslFitter.MinimumPoints} distinct steps)";
        }

        if (!fit.Fits && !double.IsFinite(fit.Sigma.Estimate))
        {
            return "USL: " + fit.Verdict;
        }

        var text = $"USL: σ {P(fit.Sigma)}, κ {P(fit.Kappa)}, λ {P(fit.Lambda)}/s per unit of concurrency · {fit.Verdict}";
        if (fit.Fits && fit.PeakConcurrency is { } n && fit.PeakThroughput is { } x)
        {
            text += $" · peak {Units.Rate(x)} at concurrency {n.ToString("0.#", Inv)}";
        }

        return text;

        static string P(UslParameter p) => double.IsFinite(p.StandardError)
            ? $"{G(p.Estimate)} [{G(p.Low)}, {G(p.High)}]"
            : G(p.Estimate);
    }

    /// <summary>The replica sentence: to serve R at H of capacity you need N replicas.</summary>
    public static string? Replicas(CapacityReport report) => report.Replicas is { } plan
        ? $"to serve {Units.Rate(plan.TargetRate)} at {plan.Headroom.ToString("0%", Inv)} of capacity ({Units.Rate(plan.PerReplica)} each) you need {plan.Replicas} replica{(plan.Replicas == 1 ? "" : "s")}"
        : null;

    /// <summary>A coefficient in three significant digits (σ 0.0277, κ 0.000104).</summary>
    public static string G(double value) => double.IsFinite(value) ? value.ToString("G3", Inv) : "—";
}
