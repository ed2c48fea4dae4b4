using Pacer.Analysis.History;
using Pacer.Analysis.Inputs;
using Pacer.Core.Recording;

namespace Pacer.Reports.Tests.Html;

/// <summary>
/// The deterministic synthetic history behind examples/sample-trend.html: 30 daily runs of plan "checkout". GET /cart is 25%
/// slower from run 20 (latency up, throughput down with it); POST /order keeps its median but grows a fatter tail from run 12,
/// a change marked as expected (on its p95 and p99). Every run carries its requests' latency histograms, as a Pacer run stored in the history does.
/// </summary>
internal static class TrendSample
{
    public const string Plan = "checkout";
    public static readonly DateTimeOffset Start = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);

    public static SeriesKey Key(string group, string metric) => new(Plan, group, metric);

    /// <summary>The series, oldest first, and the expected marks on POST /order's tail change.</summary>
    public static (List<HistorySeries> Series, List<ExpectedChange> Expected) Build()
    {
        var random = new Xorshift(20_261_205);
        var points = new Dictionary<SeriesKey, List<HistoryPoint>>();
        void Add(SeriesKey key, HistoryPoint point)
        {
            if (!points.TryGetValue(key, out var list))
            {
                points[key] = list = [];
            }

            list.Add(point);
        }

        for (var i = 0; i < 30; i++)
        {
            var number = i + 1;
            var commit = $"{(uint)(number * 2_654_435_761u):x8}a1";
            var run = new HistoryRun(
                number, Start.AddDays(number), Plan, commit, "main", Start.AddDays(number).AddHours(-2),
                new Dictionary<string, string> { ["commit"] = commit, ["branch"] = "main", ["machine"] = "ci-runner-2" });
            var cart = Histogram(random, medianMs: number >= 20 ? 15 : 12, tail: 1, samples: 3000);
            var order = Histogram(random, medianMs: 30, tail: number >= 12 ? 1.8 : 1, samples: 2000);
            foreach (var (group, histogram) in new[] { ("GET /cart", cart), ("POST /order", order) })
            {
                var encoded = histogram.Encode();
                foreach (var (metric, percentile) in new[] { ("p50", 50.0), ("p95", 95.0), ("p99", 99.0) })
                {
                    Add(Key(group, metric), new HistoryPoint(run, histogram.ValueAtPercentile(percentile) / 1000.0, encoded));
                }
            }

            Add(Key("all", "rps"), new HistoryPoint(run, (number >= 20 ? 410 : 500) * (1 + (0.02 * random.Gaussian()))));
            Add(Key("all", "error_rate"), new HistoryPoint(run, Math.Max(0, 0.002 + (0.0005 * random.Gaussian()))));
        }

        var series = points.Select(p => new HistorySeries(
            p.Key,
            p.Key.Metric switch { "rps" => "req/s", "error_rate" => "ratio", _ => "ms" },
            p.Key.Metric == "rps" ? MetricDirection.HigherIsBetter : MetricDirection.LowerIsBetter,
            p.Value)).ToList();
        return (series, [new ExpectedChange(Key("POST /order", "p95"), 12), new ExpectedChange(Key("POST /order", "p99"), 12)]);
    }

    /// <summary>Log-normal latencies with the given median; the half above the median stretched by <paramref name="tail"/>.</summary>
    private static LatencyHistogram Histogram(Xorshift random, double medianMs, double tail, int samples)
    {
        var histogram = new LatencyHistogram();
        for (var i = 0; i < samples; i++)
        {
            var ms = medianMs * Math.Exp(0.25 * random.Gaussian());
            histogram.Record((long)Math.Round((ms > medianMs ? medianMs + ((ms - medianMs) * tail) : ms) * 1000));
        }

        return histogram;
    }

    /// <summary>Marsaglia's xorshift64*, fixed by its code (System.Random's seeded sequence may change between .NET versions).</summary>
    private sealed class Xorshift(ulong seed)
    {
        private ulong state = seed;

        public double Uniform()
        {
            state ^= state >> 12;
            state ^= state << 25;
            state ^= state >> 27;
            return ((state * 2685821657736338717UL) >> 11) * (1.0 / (1UL << 53));
        }

        public double Gaussian() => Math.Sqrt(-2 * Math.Log(1 - Uniform())) * Math.Cos(2 * Math.PI * Uniform());
    }
}
