using Pacer.Analysis.Inputs;
using Pacer.Core.Recording;

namespace Pacer.Analysis.Tests.Simulation;

/// <summary>
/// One simulated open-model run against a service that stalls now and then, read as <see cref="PacerResultReader"/> reads a
/// result file: the overall p50/p95/p99 with thinned samples and the per-second series, and requests/s per second.
/// Requests arrive as a Poisson process; each takes a log-normal service time; a stall (a garbage collection, a lock, a
/// noisy neighbour) holds every request that arrives during it until it ends, so one stall delays many neighbouring
/// requests at once — the dependence that makes requests of one run unfit to be resampled one by one.
/// </summary>
/// <param name="Seconds">Length of the run.</param>
/// <param name="Rate">Requests per second.</param>
/// <param name="MedianMs">Median service time.</param>
/// <param name="StallsPerSecond">How often a stall starts.</param>
/// <param name="StallMs">Longest stall; each lasts uniformly between a tenth of it and all of it.</param>
internal sealed record StallingService(int Seconds, double Rate, double MedianMs, double StallsPerSecond, double StallMs)
{
    private static readonly (string Metric, double Percentile)[] Quantiles = [("p50", 50), ("p95", 95), ("p99", 99)];

    /// <summary>One run; <paramref name="slowdown"/> multiplies every service time (a real change).</summary>
    public RunData Run(Random random, double slowdown = 1)
    {
        var stalls = new List<(double Start, double End)>();
        for (var t = Exponential(random, StallsPerSecond); t < Seconds; t += Exponential(random, StallsPerSecond))
        {
            stalls.Add((t, t + (StallMs * (0.1 + (0.9 * random.NextDouble())) / 1000)));
        }

        var all = new List<double>();
        var perSecond = Enumerable.Range(0, Seconds).Select(_ => new List<double>()).ToArray();
        var stall = 0;
        for (var t = Exponential(random, Rate); t < Seconds; t += Exponential(random, Rate))
        {
            while (stall < stalls.Count && stalls[stall].End <= t)
            {
                stall++;
            }

            var waited = stall < stalls.Count && stalls[stall].Start <= t ? (stalls[stall].End - t) * 1000 : 0;
            var latency = waited + (slowdown * MedianMs * Math.Exp(0.25 * Normal(random)));
            all.Add(latency);
            perSecond[(int)t].Add(latency);
        }

        var observations = new List<Observation>();
        var sorted = all.Order().ToArray();
        var samples = SampleThinning.Thin(all);
        foreach (var (metric, percentile) in Quantiles)
        {
            var intervals = perSecond.Where(s => s.Count > 0).Select(s => NearestRank([.. s.Order()], percentile)).ToList();
            observations.Add(new Observation(PacerResultReader.AllGroup, metric, "ms", MetricDirection.LowerIsBetter, ObservationKind.LatencyQuantile,
                NearestRank(sorted, percentile), samples, Intervals: intervals));
        }

        observations.Add(new Observation(PacerResultReader.AllGroup, "rps", "req/s", MetricDirection.HigherIsBetter, ObservationKind.Throughput,
            (double)all.Count / Seconds, [.. perSecond.Select(s => (double)s.Count)]));
        return new RunData("simulated.json", InputFormat.Pacer, observations);
    }

    private static double NearestRank(double[] sorted, double percentile) => sorted[QuantileRank.OfPercentile(percentile, sorted.Length) - 1];

    private static double Exponential(Random random, double rate) => -Math.Log(1 - random.NextDouble()) / rate;

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
