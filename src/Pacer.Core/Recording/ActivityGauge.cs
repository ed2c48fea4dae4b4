using System.Runtime.CompilerServices;
using Pacer.Core.Platform;
namespace Pacer.Core.Recording;

/// <summary>
/// The <c>vus</c> gauge: virtual users running (closed model) or iterations in progress (open model). It follows every change
/// of the count, lock-free, so a run shorter than a tick still has a true value; its minimum, maximum and value describe the
/// load period only (value = the count when the load period ended), not the drain after it, when users only finish.
/// </summary>
internal sealed class ActivityGauge(LoadPeriod period)
{
    private int current;
    private int afterLoad;
    private int min = int.MaxValue;
    private int max = int.MinValue;

    /// <summary>The count right now (drain included): what a dispatcher compares with its pool.</summary>
    public int Current => Volatile.Read(ref current);

    /// <summary>The count when the load period ended, or now while it lasts.</summary>
    public int Value => Volatile.Read(ref current) - Volatile.Read(ref afterLoad);

    /// <summary>The smallest count seen during the load period (<see cref="Value"/> if the count was never observed).</summary>
    public int Min => Volatile.Read(ref min) is var m && m != int.MaxValue ? m : Value;

    /// <summary>The largest count seen during the load period (<see cref="Value"/> if the count was never observed).</summary>
    public int Max => Volatile.Read(ref max) is var m && m != int.MinValue ? m : Value;

    /// <summary>
    /// Changes the count by <paramref name="delta"/> (0 observes it). Users started together are added in one call, so the
    /// minimum does not pick up the half-started states of a start-up that takes microseconds.
    /// </summary>
    [MethodImpl(HotPath.Shared)]
    public void Add(int delta)
    {
        var now = Interlocked.Add(ref current, delta);
        if (period.Ticks.Now > period.EndTicks)
        {
            // The drain: users finishing after the load period change the count but not what the gauge says about the load.
            Interlocked.Add(ref afterLoad, delta);
            return;
        }

        var seen = Volatile.Read(ref max);
        while (now > seen)
        {
            var before = Interlocked.CompareExchange(ref max, now, seen);
            if (before == seen)
            {
                break;
            }

            seen = before;
        }

        seen = Volatile.Read(ref min);
        while (now < seen)
        {
            var before = Interlocked.CompareExchange(ref min, now, seen);
            if (before == seen)
            {
                break;
            }

            seen = before;
        }
    }
}
