using Pacer.Core.Results;

namespace Pacer.Core.Monitoring;

/// <summary>One metric of one source as it is read: its unit, the last limit it gave, and its value for each second.</summary>
internal sealed class MetricTrack(string name, TargetUnit unit)
{
    private readonly List<TargetPointResult> points = [];

    public string Name { get; } = name;

    public TargetUnit Unit { get; } = unit;

    /// <summary>The last limit a reading carried: what the target may use at the end (a limit can change, e.g. a cgroup's cpu.max).</summary>
    public double? Limit { get; private set; }

    public IReadOnlyList<TargetPointResult> Points => points;

    /// <summary>Adds second <paramref name="t"/>'s value; a second read twice keeps its later value.</summary>
    public void Add(double t, double value, double? limit)
    {
        if (points.Count > 0 && points[^1].T == t)
        {
            points[^1] = new TargetPointResult(t, value);
        }
        else
        {
            points.Add(new TargetPointResult(t, value));
        }

        if (limit is { } known)
        {
            Limit = known;
        }
    }

    /// <summary>The metric as the result holds it; null when it was never read.</summary>
    public TargetMetricResult? ToResult(string sourceKind)
    {
        if (points.Count == 0)
        {
            return null;
        }

        // After-run series come as the source gives them; the file lists seconds in order.
        var series = points.OrderBy(p => p.T).ToList();
        var sorted = series.Select(p => p.V).Order().ToList();

        // Nearest rank, as every other percentile of a short per-second list in the result: a value that was really read.
        var p95 = sorted[Math.Max(0, (int)Math.Ceiling(0.95 * sorted.Count) - 1)];
        return new TargetMetricResult(Name, sourceKind, TargetUnits.ToName(Unit), Round(sorted.Average()), p95, sorted[^1], series)
        {
            Limit = Limit,
            Min = sorted[0],
            Last = series[^1].V,
        };
    }

    /// <summary>Six decimals: below anything a watcher resolves (a microsecond of CPU per second, a millionth of a ratio), and a file without float noise.</summary>
    public static double Round(double value) => Math.Round(value, 6);
}
