using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Pacer.Analysis.Statistics;

namespace Pacer.Analysis.Inputs;

/// <summary>
/// Reads k6's <c>--out json</c> stream: one JSON object per line, <c>{"type": "Point", "metric": "http_req_duration",
/// "data": {"time": …, "value": …, "tags": {"name": …, "url": …}}}</c>. Every request's duration is there, so latency quantiles
/// come with the real samples; <c>http_req_failed</c> points (1 = failed) give the error rate.
/// </summary>
internal static partial class K6PointsReader
{
    private const string Duration = "http_req_duration";
    private const string Failed = "http_req_failed";

    /// <summary>A final second shorter than this is the run's tail and would read as a throughput dip.</summary>
    private const double ShortestSecond = 0.5;

    private static readonly (string Metric, double Probability)[] Quantiles = [("p50", 0.50), ("p95", 0.95), ("p99", 0.99)];

    /// <summary>The observations of one file; <see cref="InputFormatException"/> naming the file and the place when it is broken.</summary>
    public static List<Observation> Read(string path, IEnumerable<string> lines)
    {
        var durations = new Dictionary<string, List<double>>(StringComparer.Ordinal) { [PacerResultReader.AllGroup] = [] };
        var durationTimes = new Dictionary<string, List<DateTimeOffset>>(StringComparer.Ordinal) { [PacerResultReader.AllGroup] = [] };
        var failures = new Dictionary<string, (long Failed, long Total)>(StringComparer.Ordinal);
        var times = new List<DateTimeOffset>();
        var number = 0;
        foreach (var line in lines)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            using var document = ParseLine(path, line, number);
            var root = document.RootElement;
            var metric = InputText.Text(root, "metric");
            if (InputText.Text(root, "type") != "Point" || metric is not (Duration or Failed))
            {
                continue;
            }

            var data = InputText.Object(root, "data") ?? throw Broken(path, number, "a Point without a \"data\" object");
            var value = InputText.Number(data, "value") ?? throw Broken(path, number, "a Point without a numeric \"value\"");
            var group = GroupOf(data);
            if (metric == Duration)
            {
                var time = TimeOf(path, number, data);
                durations[PacerResultReader.AllGroup].Add(value);
                durationTimes[PacerResultReader.AllGroup].Add(time);
                if (group is not null)
                {
                    (durations.TryGetValue(group, out var list) ? list : durations[group] = []).Add(value);
                    (durationTimes.TryGetValue(group, out var groupTimes) ? groupTimes : durationTimes[group] = []).Add(time);
                }

                times.Add(time);
            }
            else
            {
                Count(failures, PacerResultReader.AllGroup, value != 0);
                if (group is not null)
                {
                    Count(failures, group, value != 0);
                }
            }
        }

        if (durations[PacerResultReader.AllGroup].Count == 0)
        {
            throw new InputFormatException($"{path}: the k6 JSON stream has no {Duration} points");
        }

        var observations = new List<Observation>();
        foreach (var (group, values) in durations)
        {
            var sorted = values.ToArray();
            Array.Sort(sorted);
            var samples = SampleThinning.Thin(values);
            var seconds = PerSecond(values, durationTimes[group], times.Min(), FullSeconds(times));
            foreach (var (metric, probability) in Quantiles)
            {
                observations.Add(new Observation(
                    group, metric, "ms", MetricDirection.LowerIsBetter, ObservationKind.LatencyQuantile,
                    SortedQuantile.Linear(sorted, probability), samples,
                    Intervals: [.. seconds.Select(s => SortedQuantile.Linear(s, probability))]));
            }

            if (group == PacerResultReader.AllGroup)
            {
                AddThroughput(observations, times);
            }

            if (failures.TryGetValue(group, out var counts))
            {
                observations.Add(PacerResultReader.ErrorRate(group, counts.Failed, counts.Total));
            }
        }

        return observations;
    }

    /// <summary>Requests over the span from the first to the last duration point; samples are the counts of each second.</summary>
    private static void AddThroughput(List<Observation> observations, List<DateTimeOffset> times)
    {
        var first = times.Min();
        var span = (times.Max() - first).TotalSeconds;
        if (span <= 0)
        {
            return;
        }

        var seconds = FullSeconds(times);
        var counts = new double[seconds];
        foreach (var time in times)
        {
            var second = (int)Math.Floor((time - first).TotalSeconds);
            if (second < seconds)
            {
                counts[second]++;
            }
        }

        observations.Add(new Observation(
            PacerResultReader.AllGroup, "rps", "req/s", MetricDirection.HigherIsBetter, ObservationKind.Throughput, times.Count / span, counts));
    }

    /// <summary>Seconds from the first to the last duration point, counting a last partial second only when it is at least half a second.</summary>
    private static int FullSeconds(List<DateTimeOffset> times)
    {
        var span = (times.Max() - times.Min()).TotalSeconds;
        var whole = (int)Math.Floor(span);
        return span - whole >= ShortestSecond ? whole + 1 : whole;
    }

    /// <summary>
    /// The sorted durations of each of the first <paramref name="seconds"/> seconds from <paramref name="first"/> that has any:
    /// with one run a side, compare bootstraps latency over seconds, because requests of one run are not independent.
    /// </summary>
    private static List<double[]> PerSecond(List<double> values, List<DateTimeOffset> times, DateTimeOffset first, int seconds)
    {
        var buckets = new List<double>[seconds];
        for (var i = 0; i < values.Count; i++)
        {
            var second = (int)Math.Floor((times[i] - first).TotalSeconds);
            if (second < seconds)
            {
                (buckets[second] ??= []).Add(values[i]);
            }
        }

        return [.. buckets.Where(b => b is not null).Select(b => b.Order().ToArray())];
    }

    private static void Count(Dictionary<string, (long Failed, long Total)> failures, string group, bool failed)
    {
        var (f, t) = failures.GetValueOrDefault(group);
        failures[group] = (f + (failed ? 1 : 0), t + 1);
    }

    /// <summary>k6 sets the <c>name</c> tag to the URL unless the script names the request; a point with neither is only in <c>all</c>.</summary>
    private static string? GroupOf(JsonElement data) =>
        InputText.Object(data, "tags") is { } tags ? InputText.Text(tags, "name") ?? InputText.Text(tags, "url") : null;

    /// <summary>k6 writes RFC 3339 times with nanoseconds; .NET parses at most seven fractional digits, so the rest is cut.</summary>
    private static DateTimeOffset TimeOf(string path, int line, JsonElement data)
    {
        var text = InputText.Text(data, "time") ?? throw Broken(path, line, "a Point without a \"time\"");
        var trimmed = ExcessFraction().Replace(text, "$1");
        return DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time
            : throw Broken(path, line, $"\"{text}\" is not a time");
    }

    private static JsonDocument ParseLine(string path, string line, int number)
    {
        try
        {
            return JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            throw new InputFormatException($"{path}: line {number}: not valid JSON ({InputText.Where(e).Replace("(line 1, ", "(", StringComparison.Ordinal)})", e);
        }
    }

    private static InputFormatException Broken(string path, int line, string what) => new($"{path}: line {line}: {what}");

    [GeneratedRegex(@"(\.\d{7})\d+")]
    private static partial Regex ExcessFraction();
}
