using Pacer.Analysis.History;
using Pacer.Analysis.Inputs;
using Pacer.Analysis.Statistics;
using Pacer.Core.Recording;

namespace Pacer.Analysis.Tests.History;

/// <summary>Seeded synthetic histories: series with known steps and noise, and runs with latency histograms of known shape.</summary>
internal static class SyntheticHistory
{
    public static readonly DateTimeOffset Start = new(2026, 11, 1, 8, 0, 0, TimeSpan.Zero);

    /// <summary>Run <paramref name="number"/> (1-based, its id), one a day, commit c{number} unless given.</summary>
    public static HistoryRun Run(int number, string plan = "checkout", string? commit = null) =>
        new(number, Start.AddDays(number), plan, commit ?? $"c{number:D3}", "main", Start.AddDays(number).AddHours(-1), new Dictionary<string, string>());

    /// <summary>
    /// <paramref name="count"/> values around <paramref name="level"/> with normal noise of relative size <paramref name="noise"/>,
    /// multiplied by 1 + <paramref name="step"/> from index <paramref name="stepAt"/> on.
    /// </summary>
    public static double[] Values(int count, double noise, double step, int stepAt, ulong seed, double level = 100)
    {
        var random = new SplitMix64(seed);
        var values = new double[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = level * (i >= stepAt ? 1 + step : 1) * (1 + (noise * Gaussian(random)));
        }

        return values;
    }

    public static HistorySeries Series(double[] values, string metric = "p95", string plan = "checkout", string group = "all", MetricDirection direction = MetricDirection.LowerIsBetter, Func<int, string?>? commit = null) =>
        new(new SeriesKey(plan, group, metric), direction == MetricDirection.LowerIsBetter ? "ms" : "req/s", direction,
            [.. values.Select((v, i) => new HistoryPoint(Run(i + 1, plan, commit?.Invoke(i)), v))]);

    /// <summary>A latency histogram of <paramref name="samples"/> log-normal latencies, median <paramref name="medianMs"/>; values
    /// above the median are stretched away from it by <paramref name="tail"/> (1 = none), which keeps the median and fattens the tail.</summary>
    public static LatencyHistogram Histogram(double medianMs, double tail, int samples, SplitMix64 random)
    {
        var histogram = new LatencyHistogram();
        for (var i = 0; i < samples; i++)
        {
            var ms = medianMs * Math.Exp(0.3 * Gaussian(random));
            if (ms > medianMs)
            {
                ms = medianMs + ((ms - medianMs) * tail);
            }

            histogram.Record((long)Math.Round(ms * 1000));
        }

        return histogram;
    }

    /// <summary>A standard normal draw (Box–Muller) from the seeded generator.</summary>
    public static double Gaussian(SplitMix64 random)
    {
        var u1 = (random.NextBits() >> 11) * (1.0 / (1UL << 53));
        var u2 = (random.NextBits() >> 11) * (1.0 / (1UL << 53));
        return Math.Sqrt(-2 * Math.Log(1 - u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
