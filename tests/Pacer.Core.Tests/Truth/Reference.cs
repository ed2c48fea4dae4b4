using System.Diagnostics;

namespace Pacer.Core.Tests.Truth;

/// <summary>The truth suite's own arithmetic, independent of Pacer's: exact ranks over sorted arrays, tick conversions.</summary>
internal static class Reference
{
    /// <summary>The percentiles Pacer prints. p99.9 is compared only where it is not the maximum (at least 1,000 values):
    /// a maximum is one sample, and one scheduling hiccup on either side moves it by more than 2%.</summary>
    public static readonly decimal[] Printed = [50m, 90m, 95m, 99m, 99.9m];

    /// <summary>The printed percentiles below p99.9, for runs of fewer than 1,000 requests.</summary>
    public static readonly decimal[] BelowTheMaximum = [50m, 90m, 95m, 99m];

    /// <summary>
    /// The value at percentile <paramref name="p"/> of <paramref name="sorted"/> by the nearest-rank definition Pacer documents
    /// (rank ⌈p/100 · n⌉, 1-based), computed in decimal so that p99.9 of 1,000 values is rank 999 exactly.
    /// </summary>
    public static double At(IReadOnlyList<double> sorted, decimal p)
    {
        if (sorted.Count == 0)
        {
            throw new ArgumentException("no values", nameof(sorted));
        }

        var rank = (int)Math.Ceiling(p * sorted.Count / 100m);
        return sorted[Math.Clamp(rank, 1, sorted.Count) - 1];
    }

    public static double Micros(long ticks) => ticks * 1_000_000.0 / Stopwatch.Frequency;

    public static double Millis(long ticks) => ticks * 1_000.0 / Stopwatch.Frequency;

    public static long Ticks(double seconds) => (long)Math.Round(seconds * Stopwatch.Frequency);

    /// <summary>The most requests the server was answering at once (a sweep over the log's intervals).</summary>
    public static int MaxConcurrent(IEnumerable<TruthRecord> records)
    {
        var events = records.SelectMany(r => new[] { (r.ArrivalTicks, 1), (r.DoneTicks, -1) }).OrderBy(e => e.Item1).ThenBy(e => e.Item2);
        int now = 0, max = 0;
        foreach (var (_, delta) in events)
        {
            now += delta;
            max = Math.Max(max, now);
        }

        return max;
    }
}
