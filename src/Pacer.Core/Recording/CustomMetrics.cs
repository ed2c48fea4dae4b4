using Pacer.Core.Plans;
namespace Pacer.Core.Recording;

/// <summary>
/// The plan's own metrics, recorded lock-free from any thread: trends in HDR histograms (milliseconds at microsecond
/// resolution, drained on the ticker like request latency), rates as true/total counters, counters as sums. The WebSocket
/// metrics (<see cref="KnownMetrics.WebSocket"/>) also keep a per-second series: each drain returns their second.
/// </summary>
internal sealed class CustomMetrics
{
    private readonly ConcurrentLatencyHistogram?[] live;
    private readonly long[] trues;
    private readonly long[] totals;

    /// <summary>Indexes of the metrics with a per-second series; a trend's values of the second are gathered in <see cref="second"/>.</summary>
    private readonly int[] withSeries;
    private readonly long[] drainedTrues;
    private readonly LatencyHistogram second = new();

    public CustomMetrics(IReadOnlyList<CustomMetricSpec> specs)
    {
        Specs = specs;
        live = [.. specs.Select(s => s.Kind == MetricKind.Trend ? new ConcurrentLatencyHistogram() : null)];
        Trends = [.. specs.Select(s => s.Kind == MetricKind.Trend ? new LatencyHistogram() : null)];
        trues = new long[specs.Count];
        totals = new long[specs.Count];
        drainedTrues = new long[specs.Count];

        // Counters and trends only: no WebSocket metric is a rate, and a rate's second would need its own denominator.
        withSeries = [.. specs.Select((s, i) => (s, i))
            .Where(x => KnownMetrics.WebSocket.ContainsKey(x.s.Name) && x.s.Kind is MetricKind.Trend or MetricKind.Counter)
            .Select(x => x.i)];
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

    /// <summary>
    /// Moves recorded trend values into <see cref="Trends"/> and returns the second of every metric with a per-second series
    /// (empty when the plan has none). Ticker thread only.
    /// </summary>
    public MetricSecond[] Drain()
    {
        var seconds = withSeries.Length == 0 ? [] : new MetricSecond[withSeries.Length];
        var next = 0;
        for (var i = 0; i < live.Length; i++)
        {
            if (next < withSeries.Length && withSeries[next] == i)
            {
                seconds[next++] = DrainSecond(i);
            }
            else
            {
                live[i]?.DrainInto(Trends[i]!);
            }
        }

        return seconds;
    }

    /// <summary>Drains metric <paramref name="index"/> through the second's histogram, so the values of the second are read before joining the whole.</summary>
    private MetricSecond DrainSecond(int index)
    {
        if (live[index] is not { } trend)
        {
            // A counter's second is what was added since the last drain; it keeps counting while this runs, which the next second gets.
            var now = Interlocked.Read(ref trues[index]);
            var added = now - drainedTrues[index];
            drainedTrues[index] = now;
            return new MetricSecond(index, added, 0, 0, 0, 0);
        }

        second.Reset();
        trend.DrainInto(second);
        Trends[index]!.Add(second);
        return new MetricSecond(index, second.TotalCount, second.ValueAtPercentile(50), second.ValueAtPercentile(95), second.ValueAtPercentile(99), second.Max);
    }
}
