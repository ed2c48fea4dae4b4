using Pacer.Core.Plans;
namespace Pacer.Core.Recording;

/// <summary>
/// The plan's own metrics, recorded lock-free from any thread: trends in HDR histograms (milliseconds at microsecond
/// resolution, drained on the ticker like request latency), rates as true/total counters, counters as sums.
/// </summary>
internal sealed class CustomMetrics
{
    private readonly ConcurrentLatencyHistogram?[] live;
    private readonly long[] trues;
    private readonly long[] totals;

    public CustomMetrics(IReadOnlyList<CustomMetricSpec> specs)
    {
        Specs = specs;
        live = [.. specs.Select(s => s.Kind == MetricKind.Trend ? new ConcurrentLatencyHistogram() : null)];
        Trends = [.. specs.Select(s => s.Kind == MetricKind.Trend ? new LatencyHistogram() : null)];
        trues = new long[specs.Count];
        totals = new long[specs.Count];
    }

    public IReadOnlyList<CustomMetricSpec> Specs { get; }

    /// <summary>Trend values drained so far (null for other kinds).</summary>
    public IReadOnlyList<LatencyHistogram?> Trends { get; }

    /// <summary>Adds a trend value in milliseconds (negative values are recorded as 0: the histogram holds magnitudes).</summary>
    public void AddTrend(int index, double milliseconds) => live[index]!.Record((long)Math.Max(0, Math.Round(milliseconds * 1000)));

    public void AddRate(int index, bool value)
    {
        Interlocked.Increment(ref totals[index]);
        if (value)
        {
            Interlocked.Increment(ref trues[index]);
        }
    }

    public void AddCounter(int index, long value)
    {
        Interlocked.Add(ref trues[index], value);
        Interlocked.Increment(ref totals[index]);
    }

    /// <summary>Rate: how many were true. Counter: the sum.</summary>
    public long Trues(int index) => Interlocked.Read(ref trues[index]);

    /// <summary>Rate: how many were added. Counter: how many additions.</summary>
    public long Totals(int index) => Interlocked.Read(ref totals[index]);

    /// <summary>Moves recorded trend values into <see cref="Trends"/>. Ticker thread only.</summary>
    public void Drain()
    {
        for (var i = 0; i < live.Length; i++)
        {
            live[i]?.DrainInto(Trends[i]!);
        }
    }
}
