using System.Diagnostics;
using System.Globalization;
using Pacer.Analysis.History;
using Pacer.Analysis.Inputs;
using Pacer.Core.Recording;

// What a `pacer history check` costs as the history grows: the whole check of S series of N runs, each with a 15% step two
// thirds in (so every series draws the full permutations for one significant split), and the same with latency histograms
// (one shape series per request) — from scratch (`--full`), and incrementally: with the cache a check of the first N − 1 runs
// left, as `history check` keeps it in the store, after one run is appended. The two reports must be equal (checked).
// The store's reading and writing are not included. Usage: HistoryCheck [series] [runs...]
var seriesCount = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 50;
var lengths = args.Length > 1 ? args[1..].Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray() : [100, 200, 500];
var random = new Random(7);
double Gaussian() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
HistoryRun Run(int n) => new(n, DateTimeOffset.UnixEpoch.AddDays(n), "bench", $"c{n}", "main", null, new Dictionary<string, string>());

Console.WriteLine($"{seriesCount} series, each a 15% step at 2/3 under 3% noise; median of 3 (ms); incremental = after appending run N to a checked N − 1");
Console.WriteLine("runs | numbers: full | numbers: incremental | with histograms: full | with histograms: incremental");
foreach (var n in lengths)
{
    var numbers = Enumerable.Range(0, seriesCount).Select(s => new HistorySeries(
        new SeriesKey("bench", $"g{s / 3}", $"m{s % 3}"), "ms", MetricDirection.LowerIsBetter,
        [.. Enumerable.Range(0, n).Select(i => new HistoryPoint(Run(i + 1), 100 * (i >= 2 * n / 3 ? 1.15 : 1) * (1 + (0.03 * Gaussian()))))])).ToList();
    var histograms = Enumerable.Range(0, n).Select(i =>
    {
        var h = new LatencyHistogram();
        for (var k = 0; k < 500; k++)
        {
            h.Record((long)(10_000 * (i >= 2 * n / 3 ? 1.15 : 1) * Math.Exp(0.3 * Gaussian())));
        }

        return h.Encode();
    }).ToArray();
    var withShapes = numbers.Select(s => s with { Points = [.. s.Points.Select((p, i) => p with { Distribution = histograms[i] })] }).ToList();
    var (numbersFull, numbersIncremental) = Time(numbers);
    var (shapesFull, shapesIncremental) = Time(withShapes);
    Console.WriteLine($"{n} | {numbersFull:0} | {numbersIncremental:0} | {shapesFull:0} | {shapesIncremental:0}");
}

static (double Full, double Incremental) Time(List<HistorySeries> series)
{
    var options = new HistoryCheckOptions();
    var before = new HistoryCheckCache();
    HistoryCheck.Run([.. series.Select(s => s with { Points = s.Points.SkipLast(1).ToList() })], options, before);
    var full = new List<double>();
    var incremental = new List<double>();
    for (var round = 0; round < 3; round++)
    {
        var clock = Stopwatch.StartNew();
        var report = HistoryCheck.Run(series, options);
        full.Add(clock.Elapsed.TotalMilliseconds);
        if (report.ChangePoints.Count == 0)
        {
            throw new InvalidOperationException("the steps were not found: the timing would not include a significant split");
        }

        var cache = new HistoryCheckCache(before.Used);
        clock.Restart();
        var cached = HistoryCheck.Run(series, options, cache);
        incremental.Add(clock.Elapsed.TotalMilliseconds);
        if (round == 0)
        {
            // What the incremental check searched again (one tail window per series is expected) against what it reused.
            Console.WriteLine($"  {series.Count} series of {series[0].Points.Count} runs: the incremental check computed {cache.Computed} searches, reused {cache.Reused}");
        }
        if (!cached.ChangePoints.Select(c => (c.Key, c.Kind, c.Index, c.PValue, c.QValue)).SequenceEqual(report.ChangePoints.Select(c => (c.Key, c.Kind, c.Index, c.PValue, c.QValue))))
        {
            throw new InvalidOperationException("the incremental check's change points differ from the full check's");
        }
    }

    return (full.Order().ElementAt(1), incremental.Order().ElementAt(1));
}
