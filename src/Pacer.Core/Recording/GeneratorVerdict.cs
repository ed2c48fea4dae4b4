using System.Globalization;

namespace Pacer.Core.Recording;

/// <summary>
/// Whether the load generator kept up. Saturated when its scheduling lag says so with evidence — lag p99 above 5 ms carried
/// by at least 10 late requests, or most requests late in at least 3 seconds and in more than 10% of the seconds — when the
/// process used more than 90% of its cores during more than 10% of the run's seconds, or when an event loop was busy more
/// than 90% of the time during more than 10% of the run's seconds. A p99 alone is not evidence: of 60 requests it is the
/// largest one, and one late first request (a page fault, a thread not yet scheduled) would call a 1%-busy generator saturated.
/// </summary>
/// <param name="LagP50Ms">Median scheduling lag.</param>
/// <param name="LagP99Ms">99th percentile of the scheduling lag.</param>
/// <param name="LagMaxMs">Largest scheduling lag.</param>
/// <param name="CpuMean">Mean process CPU as a fraction of the cores (0–1).</param>
/// <param name="CpuMax">Highest one-second CPU fraction.</param>
/// <param name="BusyFraction">Share of the run's seconds above 90% CPU.</param>
/// <param name="Cores">Cores available to the process.</param>
/// <param name="Saturated">The verdict.</param>
internal sealed record GeneratorVerdict(double LagP50Ms, double LagP99Ms, double LagMaxMs, double CpuMean, double CpuMax, double BusyFraction, int Cores, bool Saturated)
{
    public const double LagLimitMs = 5;
    public const double BusyCpu = 0.9;
    public const double BusyFractionLimit = 0.1;

    /// <summary>How many requests over <see cref="LagLimitMs"/> late it takes before a lag p99 above the limit counts.</summary>
    public const long MinLateRequests = 10;

    /// <summary>How many seconds in which most requests were late make sustained lateness (and they must be more than 10% of the seconds).</summary>
    public const int MinLateSeconds = 3;

    /// <summary>Share of the run's seconds in which the busiest event loop was busy more than 90% of the time (0 without event loops).</summary>
    public double LoopBusyFraction { get; init; }

    /// <summary>Requests whose scheduling lag was recorded.</summary>
    public long LagSamples { get; init; }

    /// <summary>Of those, how many were more than <see cref="LagLimitMs"/> late.</summary>
    public long LagLate { get; init; }

    /// <summary>Seconds (ticks) of the run with lag samples.</summary>
    public int LagSeconds { get; init; }

    /// <summary>Of those, how many had most of their requests more than <see cref="LagLimitMs"/> late (see <see cref="LagTick.IsLate"/>).</summary>
    public int LagLateSeconds { get; init; }

    /// <summary>What made the verdict: <c>late_requests</c>, <c>sustained_lag</c>, <c>cpu</c>, <c>event_loop</c>; empty when not saturated.</summary>
    public IReadOnlyList<string> SaturatedBy { get; init; } = [];

    /// <summary>
    /// The verdict over a run. <paramref name="lagPerTick"/> is the lag of each tick (about a second); without it only the
    /// count of late requests can show lateness.
    /// </summary>
    public static GeneratorVerdict From(
        LatencyHistogram lag,
        IReadOnlyList<double> cpuPerTick,
        int cores,
        IReadOnlyList<double>? loopBusyPerTick = null,
        IReadOnlyList<LagTick>? lagPerTick = null)
    {
        var p99 = lag.ValueAtPercentile(99) / 1000.0;
        var late = CountLate(lag);
        var seconds = lagPerTick?.Count(t => t.Samples > 0) ?? 0;
        var lateSeconds = lagPerTick?.Count(t => t.IsLate) ?? 0;
        var busy = cpuPerTick.Count == 0 ? 0 : (double)cpuPerTick.Count(c => c > BusyCpu) / cpuPerTick.Count;
        var loopBusy = loopBusyPerTick is not { Count: > 0 } ? 0 : (double)loopBusyPerTick.Count(b => b > BusyCpu) / loopBusyPerTick.Count;

        var reasons = new List<string>();
        if (p99 > LagLimitMs && late >= MinLateRequests)
        {
            reasons.Add("late_requests");
        }

        if (lateSeconds >= MinLateSeconds && lateSeconds > BusyFractionLimit * seconds)
        {
            reasons.Add("sustained_lag");
        }

        if (busy > BusyFractionLimit)
        {
            reasons.Add("cpu");
        }

        if (loopBusy > BusyFractionLimit)
        {
            reasons.Add("event_loop");
        }

        return new GeneratorVerdict(
            lag.ValueAtPercentile(50) / 1000.0,
            p99,
            lag.Max / 1000.0,
            cpuPerTick.Count == 0 ? 0 : cpuPerTick.Average(),
            cpuPerTick.Count == 0 ? 0 : cpuPerTick.Max(),
            busy,
            cores,
            reasons.Count > 0)
        {
            LoopBusyFraction = loopBusy,
            LagSamples = lag.TotalCount,
            LagLate = late,
            LagSeconds = seconds,
            LagLateSeconds = lateSeconds,
            SaturatedBy = reasons,
        };
    }

    /// <summary>The warning printed and stored when <see cref="Saturated"/>, naming the evidence found; null otherwise.</summary>
    public string? Warning()
    {
        if (!Saturated)
        {
            return null;
        }

        var inv = CultureInfo.InvariantCulture;
        var reasons = new List<string>();
        if (SaturatedBy.Contains("late_requests"))
        {
            reasons.Add(string.Create(inv, $"{LagLate:#,0} of {LagSamples:#,0} requests went out more than {LagLimitMs} ms late (scheduling lag p99 {LagP99Ms:0.##} ms, max {LagMaxMs:0.##} ms)"));
        }

        if (SaturatedBy.Contains("sustained_lag"))
        {
            reasons.Add(string.Create(inv, $"most requests went out more than {LagLimitMs} ms late in {LagLateSeconds} of {LagSeconds} seconds (scheduling lag max {LagMaxMs:0.##} ms)"));
        }

        if (SaturatedBy.Contains("cpu"))
        {
            reasons.Add(string.Create(inv, $"CPU above {BusyCpu:0%} of {Cores} cores for {BusyFraction:0%} of the run (limit {BusyFractionLimit:0%})"));
        }

        if (SaturatedBy.Contains("event_loop"))
        {
            reasons.Add(string.Create(inv, $"an event loop busy above {BusyCpu:0%} of the time for {LoopBusyFraction:0%} of the run (limit {BusyFractionLimit:0%}): responses waited for it"));
        }

        return "generator saturated: " + string.Join("; ", reasons)
            + ". Latency figures may describe Pacer rather than the service: lower the rate or connections, or spread the load over more generators.";
    }

    /// <summary>Lag values above <see cref="LagLimitMs"/>: whole buckets that start above it (a bucket at 5 ms is a few µs wide).</summary>
    public static long CountLate(LatencyHistogram histogram)
    {
        const long limitMicros = (long)(LagLimitMs * 1000);
        long count = 0;
        foreach (var bucket in histogram.RecordedBuckets())
        {
            if (bucket.From > limitMicros)
            {
                count += bucket.Count;
            }
        }

        return count;
    }
}
