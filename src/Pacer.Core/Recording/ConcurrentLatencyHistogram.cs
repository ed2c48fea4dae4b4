using System.Runtime.CompilerServices;
using Pacer.Core.Platform;
namespace Pacer.Core.Recording;

/// <summary>
/// The hot-path side of a histogram: any thread records with a few interlocked operations, no lock and no allocation;
/// one ticker thread drains it into a <see cref="LatencyHistogram"/>. Each bucket is taken with an atomic exchange, so every
/// value lands in exactly one drain even while recording goes on. Counts are 32-bit: a bucket is drained every second.
/// </summary>
internal sealed class ConcurrentLatencyHistogram
{
    // Allocated when the first value arrives (94 kB): a plan's request names each hold several of these, and most names of a
    // large plan may never be sent in a given run. Allocating them all up front made 10,000 names take gigabytes.
    private int[]? counts;
    private long maxIndex = -1;
    private long min = long.MaxValue;
    private long max;
    private long sum;
    private long overflow;

    /// <summary>Records one value in microseconds. Thread-safe, lock-free, allocation-free.</summary>
    [MethodImpl(HotPath.Shared)]
    public void Record(long micros)
    {
        if (micros > HistogramLayout.HighestTrackableValue)
        {
            Interlocked.Increment(ref overflow);
        }

        var value = HistogramLayout.Clamp(micros);
        var index = HistogramLayout.IndexOf(value);
        Interlocked.Add(ref sum, value);
        LowerTo(ref min, value);
        RaiseTo(ref max, value);
        RaiseTo(ref maxIndex, index);
        Interlocked.Increment(ref Counts()[index]);
    }

    /// <summary>Moves everything recorded so far into <paramref name="target"/>. Call from one thread at a time.</summary>
    public void DrainInto(LatencyHistogram target)
    {
        var last = (int)Volatile.Read(ref maxIndex);
        var drainedMin = Interlocked.Exchange(ref min, long.MaxValue);
        var drainedMax = Interlocked.Exchange(ref max, 0);
        var drainedSum = Interlocked.Exchange(ref sum, 0);
        var drainedOverflow = Interlocked.Exchange(ref overflow, 0);
        var lowest = -1;
        var highest = -1;
        var counts = Volatile.Read(ref this.counts);
        for (var i = 0; counts is not null && i <= last; i++)
        {
            if (Volatile.Read(ref counts[i]) != 0)
            {
                target.AddDrained(i, Interlocked.Exchange(ref counts[i], 0));
                lowest = lowest < 0 ? i : lowest;
                highest = i;
            }
        }

        if (lowest < 0)
        {
            // Nothing counted yet; aggregates of values whose counts are still in flight must not be lost.
            if (drainedSum != 0)
            {
                target.AddAggregates(drainedMin, drainedMax, drainedSum, drainedOverflow);
            }

            return;
        }

        // A value recorded while this drain ran may have had its min/max taken by the previous drain and its count by this one.
        // Widen to the drained buckets in that case, so a histogram's min and max always bracket its counts.
        var minFloor = HistogramLayout.ValueFromIndex(lowest);
        var maxCeiling = HistogramLayout.HighestEquivalent(highest);
        if (drainedMin > HistogramLayout.HighestEquivalent(lowest))
        {
            drainedMin = minFloor;
        }

        if (drainedMax < HistogramLayout.ValueFromIndex(highest))
        {
            drainedMax = maxCeiling;
        }

        target.AddAggregates(drainedMin, drainedMax, drainedSum, drainedOverflow);
    }

    /// <summary>Allocates the counts now rather than with the first value (off the hot path, before a run's clock starts).</summary>
    public void Allocate() => Counts();

    /// <summary>The counts, allocated on first use; a racing thread's copy is discarded before anything is counted in it.</summary>
    private int[] Counts()
    {
        var existing = Volatile.Read(ref counts);
        if (existing is not null)
        {
            return existing;
        }

        var created = new int[HistogramLayout.CountsLength];
        return Interlocked.CompareExchange(ref counts, created, null) ?? created;
    }

    /// <summary>Atomically lowers <paramref name="location"/> to <paramref name="value"/> if that is smaller.</summary>
    private static void LowerTo(ref long location, long value)
    {
        var current = Volatile.Read(ref location);
        while (value < current)
        {
            var seen = Interlocked.CompareExchange(ref location, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }

    /// <summary>Atomically raises <paramref name="location"/> to <paramref name="value"/> if that is larger.</summary>
    private static void RaiseTo(ref long location, long value)
    {
        var current = Volatile.Read(ref location);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref location, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
