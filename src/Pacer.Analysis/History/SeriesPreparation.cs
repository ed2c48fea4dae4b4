using System.Globalization;
using Pacer.Core.Recording;

namespace Pacer.Analysis.History;

/// <summary>Turns the store's series into <see cref="CheckedSeries"/>: numbers as they are, and per request one series of whole latency distributions.</summary>
internal static class SeriesPreparation
{
    /// <summary>
    /// The quantiles a distribution is reduced to. Each run becomes the vector of their logarithms; two runs' distance is the
    /// Euclidean distance of those vectors (a metric of negative type, as the energy statistic needs). Logarithms make a 10% move
    /// of the tail weigh as much as a 10% move of the median; p99.9 and beyond are left out as one run's few slowest requests
    /// make them mostly noise.
    /// </summary>
    internal static readonly (string Name, double Percentile)[] ShapeQuantiles =
        [("p25", 25), ("p50", 50), ("p75", 75), ("p90", 90), ("p95", 95), ("p99", 99)];

    /// <summary>A series of numbers; a point whose value is not finite is reported and left out.</summary>
    public static CheckedSeries Level(HistorySeries series, int minimumSegment, List<string> problems)
    {
        var points = new List<HistoryPoint>();
        foreach (var point in series.Points)
        {
            if (double.IsFinite(point.Value))
            {
                points.Add(point);
            }
            else
            {
                problems.Add($"{series.Key}: run {point.Run.Id} has no finite value ({point.Value.ToString(CultureInfo.InvariantCulture)}); left out.");
            }
        }

        var values = points.Select(p => p.Value).ToArray();
        var count = values.Length;
        var distances = new double[count * count];
        for (var i = 0; i < count; i++)
        {
            for (var j = 0; j < count; j++)
            {
                distances[(i * count) + j] = Math.Abs(values[i] - values[j]);
            }
        }

        var runs = points.Select(p => p.Run).ToList();
        return new CheckedSeries(
            series.Key, ChangeKind.Level, series.Unit, series.Direction, runs, [series.Key.Metric], [values],
            new EnergySplit(distances, count, Splittable(runs), minimumSegment),
            [NoiseFloor.Of(values, runs.Select(r => r.Commit).ToList())]);
    }

    /// <summary>
    /// One shape series per plan and request whose points carry distributions, from the series with the most of them (a
    /// request's p50, p95 and p99 series carry the same histograms). A histogram that does not decode is reported and left out.
    /// </summary>
    public static IEnumerable<CheckedSeries> Shapes(IReadOnlyList<HistorySeries> series, int minimumSegment, List<string> problems)
    {
        var groups = series
            .Where(s => s.Points.Any(p => p.Distribution is not null))
            .GroupBy(s => (s.Key.Plan, s.Key.Group))
            .OrderBy(g => g.Key.Plan, StringComparer.Ordinal).ThenBy(g => g.Key.Group, StringComparer.Ordinal);
        foreach (var group in groups)
        {
            var source = group.OrderByDescending(s => s.Points.Count(p => p.Distribution is not null)).First();
            var key = new SeriesKey(group.Key.Plan, group.Key.Group, "distribution");
            var runs = new List<HistoryRun>();
            var vectors = new List<double[]>();
            foreach (var point in source.Points.Where(p => p.Distribution is not null))
            {
                if (Quantiles(point.Distribution!) is { } vector)
                {
                    runs.Add(point.Run);
                    vectors.Add(vector);
                }
                else
                {
                    problems.Add($"{key}: run {point.Run.Id}'s latency histogram does not decode or is empty; left out of the shape check.");
                }
            }

            yield return Shape(key, runs, vectors, minimumSegment);
        }
    }

    /// <summary>The shape series over already decoded quantile vectors (ms), one per run.</summary>
    internal static CheckedSeries Shape(SeriesKey key, List<HistoryRun> runs, List<double[]> vectors, int minimumSegment)
    {
        var count = runs.Count;
        var logs = vectors.Select(v => v.Select(q => Math.Log(Math.Max(q, 1e-3))).ToArray()).ToList();
        var distances = new double[count * count];
        for (var i = 0; i < count; i++)
        {
            for (var j = i + 1; j < count; j++)
            {
                var sum = 0.0;
                for (var c = 0; c < ShapeQuantiles.Length; c++)
                {
                    var d = logs[i][c] - logs[j][c];
                    sum += d * d;
                }

                distances[(i * count) + j] = distances[(j * count) + i] = Math.Sqrt(sum);
            }
        }

        var columns = Enumerable.Range(0, ShapeQuantiles.Length).Select(c => vectors.Select(v => v[c]).ToArray()).ToList();
        var commits = runs.Select(r => r.Commit).ToList();
        return new CheckedSeries(
            key, ChangeKind.Shape, "ms", Inputs.MetricDirection.LowerIsBetter, runs, [.. ShapeQuantiles.Select(q => q.Name)], columns,
            new EnergySplit(distances, count, Splittable(runs), minimumSegment),
            [.. columns.Select(c => NoiseFloor.Of(c, commits))]);
    }

    /// <summary>The run's quantiles in ms, or null when the histogram does not decode or holds nothing.</summary>
    private static double[]? Quantiles(string encoded)
    {
        LatencyHistogram histogram;
        try
        {
            histogram = LatencyHistogram.Decode(encoded);
        }
        catch (FormatException)
        {
            // Reported by the caller as a damaged point and skipped: one bad row must not hide the rest of the history.
            return null;
        }

        return histogram.TotalCount == 0 ? null : [.. ShapeQuantiles.Select(q => histogram.ValueAtPercentile(q.Percentile) / 1000.0)];
    }

    /// <summary>Whether a change may begin at each position: not between two runs of the same commit, which measured the same code.</summary>
    private static bool[] Splittable(IReadOnlyList<HistoryRun> runs)
    {
        var splittable = new bool[runs.Count + 1];
        for (var p = 1; p < runs.Count; p++)
        {
            splittable[p] = runs[p].Commit is null || !string.Equals(runs[p].Commit, runs[p - 1].Commit, StringComparison.Ordinal);
        }

        return splittable;
    }
}
