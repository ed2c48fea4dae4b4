using System.Globalization;
using Pacer.Core.Plans;

namespace Pacer.Core.Thresholds;

/// <summary>
/// Judges thresholds on the target's watched metrics (<c>target_cpu: max&lt;70%</c>), over their per-second values: avg is their
/// mean, min/max their extremes, p(N) their nearest-rank percentile, last the final second, and rate the mean of a ratio or
/// per-second metric. A bound in % is a share of the metric's limit (cores the target may run on, its memory limit) or, for a
/// ratio, the ratio itself. A threshold that nothing measured fails with the reason: a number nobody read cannot pass.
/// </summary>
internal static class TargetThresholds
{
    /// <summary>Whether <paramref name="spec"/> judges a watched metric rather than one Pacer records.</summary>
    public static bool Judges(ThresholdSpec spec, IReadOnlyList<CustomFigures> custom) =>
        TargetMetrics.IsTarget(spec.Metric, spec.Tags)
        || (!KnownMetrics.Kinds.ContainsKey(spec.Metric) && custom.All(c => c.Spec.Name != spec.Metric));

    /// <summary>The verdict of <paramref name="spec"/> on <paramref name="target"/> (null: nothing was watched).</summary>
    public static ThresholdVerdict Judge(ThresholdSpec spec, TargetData? target)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var source = spec.Tags.FirstOrDefault(t => t.Key == "source").Value;
        var figures = target?.Metrics.FirstOrDefault(m => m.Name == spec.Metric && (source is null || m.Source == source));
        if (figures is null)
        {
            return Failed(spec, null, NotMeasured(spec.Metric, source, target));
        }

        if (figures.Values.Count == 0)
        {
            return Failed(spec, null, $"not measured: the {figures.Source} source gave no reading of {spec.Metric}");
        }

        var e = spec.Expression;
        if (TargetMetrics.UnitMismatch(spec.Metric, figures.Unit, e.Unit) is { } mismatch)
        {
            return Failed(spec, null, $"not judged: {mismatch}");
        }

        if (!TargetMetrics.Allows(e.Aggregation, figures.Unit))
        {
            return Failed(spec, null, $"not judged: rate is the mean of a ratio or per-second metric, and {spec.Metric} is read in {figures.Unit}; use avg");
        }

        var value = e.Aggregation switch
        {
            ThresholdAggregation.Avg or ThresholdAggregation.Rate => figures.Mean,
            ThresholdAggregation.Min => figures.Min,
            ThresholdAggregation.Max => figures.Max,
            ThresholdAggregation.Med => Percentile(figures.Values, 50),
            ThresholdAggregation.Percentile => Percentile(figures.Values, e.Percentile ?? 50),
            _ => figures.Last,
        };

        string? note = null;
        if (e.Unit == "%" && figures.Unit != "ratio")
        {
            if (figures.Limit is not { } limit || limit <= 0)
            {
                var example = figures.Unit == "cores" ? "max<1.4cores" : "max<4GB";
                return Failed(spec, null, $"no limit known for {spec.Metric}: give {figures.Unit}, e.g. {example}");
            }

            // Judged as a share of the limit, so Actual compares with the bound (70% is 0.70) and the note keeps the absolute figure.
            note = string.Create(CultureInfo.InvariantCulture, $"{value:0.###} {figures.Unit} of a limit of {limit:0.###} {figures.Unit} ({figures.Source})");
            value /= limit;
        }

        return new ThresholdVerdict(spec, Holds(value, e.Operator, e.Value), value, note);
    }

    /// <summary>Why nothing judged the threshold, with what would measure it.</summary>
    private static string NotMeasured(string metric, string? source, TargetData? target)
    {
        if (target is null || target.Sources.Count == 0)
        {
            return $"not measured: no watch source gives {metric} (add {Hint(metric)} or watch:)";
        }

        var watched = string.Join(", ", target.Sources.Distinct(StringComparer.Ordinal));
        return source is null
            ? $"not measured: none of the watched sources ({watched}) gives {metric} (add {Hint(metric)})"
            : $"not measured: no {source} source gives {metric} (watched: {watched})";
    }

    private static string Hint(string metric) => metric switch
    {
        "target_throttled" or "target_throttled_time" or "target_oom_kills" or "target_cpu_pressure" or "target_memory_pressure" or "target_io_pressure" => "--watch-cgroup",
        _ when metric.StartsWith("dotnet_", StringComparison.Ordinal) => "--watch-dotnet",
        _ when TargetMetrics.Units.ContainsKey(metric) => "--watch-pid",
        _ => "--watch-metrics",
    };

    /// <summary>Nearest rank, as the result file's <c>p95</c> of a target metric.</summary>
    internal static double Percentile(IReadOnlyList<double> values, double percentile)
    {
        var sorted = values.Order().ToList();
        var rank = (int)Math.Ceiling(percentile / 100 * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }

    private static ThresholdVerdict Failed(ThresholdSpec spec, double? actual, string note) => new(spec, false, actual, note);

    private static bool Holds(double actual, ComparisonOperator op, double bound) => op switch
    {
        ComparisonOperator.Less => actual < bound,
        ComparisonOperator.LessOrEqual => actual <= bound,
        ComparisonOperator.Greater => actual > bound,
        ComparisonOperator.GreaterOrEqual => actual >= bound,
        ComparisonOperator.Equal => actual == bound,
        _ => actual != bound,
    };
}
