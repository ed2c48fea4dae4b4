using System.Diagnostics;
using System.Globalization;
using Pacer.Analysis.History;
using Pacer.Analysis.Inputs;
using Pacer.Core.Recording;

// What a `pacer history check` costs as the history grows: the whole check of S series of N runs, each with a 15% step two
// thirds in (so every series draws the full permutations for one significant split), and the same with latency histograms
// (one shape series per request). Recomputing the whole check when a run is appended is what `history check` does, so this
// is also the cost of an append. Usage: HistoryCheck [series] [runs...]
var seriesCount = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 50;
var lengths = args.Length > 1 ? args[1..].Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray() : [30, 100, 200, 500];
var random = new Random(7);
double Gaussian() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
HistoryRun Run(int n) => new(n, DateTimeOffset.UnixEpoch.AddDays(n), "bench", $"c{n}", "main", null, new Dictionary<string, string>());

Console.WriteLine($"{seriesCount} series, each a 15% step at 2/3 under 3% noise; whole check, median of 3 (ms)");
Console.WriteLine("runs | numbers only | with histograms (+1 shape series per 3 latency series)");
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
    Console.WriteLine($"{n} | {Time(numbers):0} | {Time(withShapes):0}");
}

static double Time(List<HistorySeries> series)
{
    var times = new List<double>();
    for (var round = 0; round < 3; round++)
    {
        var clock = Stopwatch.StartNew();
        var report = HistoryCheck.Run(series, new HistoryCheckOptions());
        times.Add(clock.Elapsed.TotalMilliseconds);
        if (report.ChangePoints.Count == 0)
        {
            throw new InvalidOperationException("the steps were not found: the timing would not include a significant split");
        }
    }

    return times.Order().ElementAt(1);
}
