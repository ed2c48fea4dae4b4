using System.Globalization;
using System.Text;

namespace Pacer.Core.Monitoring.Prometheus;

/// <summary>
/// Turns one <see cref="MetricSelection"/>'s series into readings, scrape after scrape. Every matching series is summed:
/// counters by their increases (a series whose value dropped was reset, and its new value is its increase; a series that
/// appeared since the last scrape started from 0), histograms bucket by bucket over the bounds all their series share,
/// gauges by their values. Rates divide by the time the watcher measured between the two scrapes.
/// </summary>
internal sealed class SelectionReader(MetricSelection selection)
{
    private static readonly (string Suffix, double Q)[] HistogramQuantiles = [("_p50", 0.50), ("_p95", 0.95), ("_p99", 0.99)];

    private Dictionary<string, double> previousCounters = new(StringComparer.Ordinal);
    private Dictionary<string, Dictionary<double, double>> previousBuckets = new(StringComparer.Ordinal);

    public MetricSelection Selection => selection;

    /// <summary>Whether any scrape so far had a metric of this name.</summary>
    public bool EverFound { get; private set; }

    /// <summary>
    /// Reads one scrape. With <paramref name="seconds"/> null (the baseline scrape) it only remembers the counters. Returns a
    /// problem that makes this selection unreadable (a mix of types, a summary that would need summing), or null.
    /// </summary>
    public string? Read(ExpositionIndex index, double? seconds, List<TargetReading> readings)
    {
        var views = index.Find(selection);
        if (views.Count == 0) return null;
        EverFound = true;
        var kinds = views.Select(view => view.Kind).Distinct().ToList();
        if (kinds.Count > 1)
        {
            return $"select '{selection.Expression}' matches metrics of different types ({string.Join(", ", views.Select(v => $"{v.Name}: {v.Kind.ToString().ToLowerInvariant()}"))}); narrow the pattern";
        }

        var units = views.Select(view => ScrapeUnits.OfValue(view.Family).Unit).Distinct().Count();
        if (units > 1)
        {
            return $"select '{selection.Expression}' matches metrics in different units ({string.Join(", ", views.Select(v => v.Name))}); narrow the pattern";
        }

        var family = views[0].Family;
        return kinds[0] switch
        {
            SelectionKind.Counter => ReadCounter(Matching(views, v => v.Samples), views[0].Name, seconds, readings),
            SelectionKind.Gauge => ReadGauge(Matching(views, v => v.Samples), family, seconds, readings),
            SelectionKind.Histogram => ReadHistogram(Matching(views, v => v.Samples), family, seconds, readings),
            _ => ReadSummary(views, family, seconds, readings),
        };
    }

    private List<ExpositionSample> Matching(IReadOnlyList<MetricView> views, Func<MetricView, IReadOnlyList<ExpositionSample>> samples) =>
        views.SelectMany(samples).Where(selection.MatchesLabels).ToList();

    private string? ReadCounter(List<ExpositionSample> samples, string metric, double? seconds, List<TargetReading> readings)
    {
        var current = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var sample in samples)
        {
            if (!double.IsNaN(sample.Value)) current[Key(sample, "")] = sample.Value;
        }

        var increase = Increase(current);
        if (seconds is { } elapsed && double.IsFinite(increase))
        {
            readings.Add(new TargetReading(selection.Name, increase / elapsed, ScrapeUnits.OfRate(metric)));
        }

        return null;
    }

    private string? ReadGauge(List<ExpositionSample> samples, string family, double? seconds, List<TargetReading> readings)
    {
        if (seconds is null) return null;
        var (unit, scale) = ScrapeUnits.OfValue(family);
        var sum = samples.Sum(sample => sample.Value);
        // Sum over no series is 0 (nothing matched the labels this second); a NaN or infinite series gives no reading.
        if (double.IsFinite(sum)) readings.Add(new TargetReading(selection.Name, sum * scale, unit));
        return null;
    }

    private string? ReadHistogram(List<ExpositionSample> buckets, string family, double? seconds, List<TargetReading> readings)
    {
        var current = new Dictionary<string, Dictionary<double, double>>(StringComparer.Ordinal);
        foreach (var bucket in buckets)
        {
            var le = bucket.Label("le");
            if (!TryParseBound(le, out var bound)) return $"histogram {family} has a bucket with le=\"{le}\", which is not a number (line {bucket.Line})";
            var key = Key(bucket, "le");
            if (!current.TryGetValue(key, out var series)) current[key] = series = [];
            series[bound] = bucket.Value;
        }

        foreach (var (key, series) in current)
        {
            if (!series.ContainsKey(double.PositiveInfinity)) return $"histogram {family} has a series without a le=\"+Inf\" bucket ({key})";
        }

        var previous = previousBuckets;
        previousBuckets = current;
        if (seconds is not { } elapsed) return null;

        // Bounds every series has: summing cumulative counts is only right at a bound each series counts up to.
        var shared = current.Count == 0 ? [double.PositiveInfinity] : current.Values.Select(s => (IEnumerable<double>)s.Keys).Aggregate((a, b) => a.Intersect(b)).ToHashSet();
        var increases = shared.ToDictionary(bound => bound, _ => 0.0);
        foreach (var (key, series) in current)
        {
            var before = previous.GetValueOrDefault(key);
            // A reset shows as any bucket going down: the whole series restarted, and its counts now are its increase. A series
            // that is new, or whose bounds changed (a restarted service with other buckets), also counts from 0.
            var reset = before is null || shared.Any(bound => !before.ContainsKey(bound)) || series.Any(b => before.TryGetValue(b.Key, out var old) && b.Value < old);
            foreach (var bound in shared)
            {
                increases[bound] += reset ? series[bound] : series[bound] - before!.GetValueOrDefault(bound);
            }
        }

        var observed = increases[double.PositiveInfinity];
        if (!double.IsFinite(observed)) return null;
        readings.Add(new TargetReading(selection.Name + "_rate", observed / elapsed, TargetUnit.PerSecond));
        var (unit, scale) = ScrapeUnits.OfValue(family);
        var list = increases.Select(pair => (pair.Key, pair.Value)).ToList();
        foreach (var (suffix, q) in HistogramQuantiles)
        {
            // A second without observations has no quantile, so no reading (not a 0 that would pull a p99 series down).
            var value = HistogramQuantile.Of(q, list);
            if (double.IsFinite(value)) readings.Add(new TargetReading(selection.Name + suffix, value * scale, unit));
        }

        return null;
    }

    private string? ReadSummary(IReadOnlyList<MetricView> views, string family, double? seconds, List<TargetReading> readings)
    {
        var quantiles = Matching(views, v => v.Samples);
        var counts = Matching(views, v => v.Counts);
        var series = quantiles.Select(sample => Key(sample, "quantile")).Distinct().ToList();
        if (series.Count > 1)
        {
            return $"select '{selection.Expression}' matches {series.Count} series of summary {family}, and quantiles cannot be summed; narrow it with labels to one series";
        }

        var current = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var count in counts)
        {
            if (!double.IsNaN(count.Value)) current[Key(count, "")] = count.Value;
        }

        var increase = Increase(current);
        if (seconds is not { } elapsed) return null;
        if (counts.Count > 0 && double.IsFinite(increase)) readings.Add(new TargetReading(selection.Name + "_rate", increase / elapsed, TargetUnit.PerSecond));
        var (unit, scale) = ScrapeUnits.OfValue(family);
        foreach (var sample in quantiles)
        {
            if (!double.TryParse(sample.Label("quantile"), NumberStyles.Float, CultureInfo.InvariantCulture, out var q) || q is < 0 or > 1) continue;
            // A summary with no recent observations reports NaN quantiles: no reading that second.
            if (double.IsFinite(sample.Value)) readings.Add(new TargetReading($"{selection.Name}_p{(q * 100).ToString("0.###", CultureInfo.InvariantCulture)}", sample.Value * scale, unit));
        }

        return null;
    }

    /// <summary>The summed increase of counter series since the last scrape, remembering <paramref name="current"/> for the next.</summary>
    private double Increase(Dictionary<string, double> current)
    {
        var increase = 0.0;
        foreach (var (key, value) in current)
        {
            // Never seen: it appeared since the last scrape, counting from 0. Lower than before: reset, counting from 0 again.
            increase += previousCounters.TryGetValue(key, out var before) && value >= before ? value - before : value;
        }

        previousCounters = current;
        return increase;
    }

    private static bool TryParseBound(string le, out double bound)
    {
        switch (le.ToLowerInvariant())
        {
            case "+inf" or "inf":
                bound = double.PositiveInfinity;
                return true;
            default:
                return double.TryParse(le, NumberStyles.Float, CultureInfo.InvariantCulture, out bound) && !double.IsNaN(bound);
        }
    }

    /// <summary>A series' identity: its name and labels in a fixed order, without <paramref name="except"/> (a bucket's le, a summary's quantile).</summary>
    private static string Key(ExpositionSample sample, string except)
    {
        var key = new StringBuilder(sample.Name.EndsWith("_bucket", StringComparison.Ordinal) ? sample.Name[..^7] : sample.Name);
        foreach (var label in sample.Labels.Where(l => l.Key != except).OrderBy(l => l.Key, StringComparer.Ordinal))
        {
            key.Append('\u0001').Append(label.Key).Append('=').Append(label.Value);
        }

        return key.ToString();
    }
}
