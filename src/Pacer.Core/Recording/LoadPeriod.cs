using System.Diagnostics;
using Pacer.Core.Timing;

namespace Pacer.Core.Recording;

/// <summary>
/// The run's load period on the schedule's clock: from its start (the first intended start) to the end of the last stage, or
/// earlier when the run was aborted, reached its request bound or ran out of work. What follows it until the last response
/// is the drain (graceful stop): rates are over the load period, and gauges describe it, not the drain.
/// </summary>
/// <remarks>
/// The end is known in advance for a run that follows its plan and is lowered the moment an early stop happens, so that a
/// request or a gauge change can be placed on either side of it by its own timestamp, without a lock.
/// </remarks>
internal sealed class LoadPeriod(TickSource? ticks = null)
{
    private long startTicks;
    private long endTicks = long.MaxValue;

    /// <summary>The clock the period is on: what "now" is to a gauge or a mid-run total.</summary>
    public TickSource Ticks { get; } = ticks ?? TickSource.System;

    /// <summary>When the schedule's clock started (Stopwatch ticks); 0 before <see cref="Start"/>.</summary>
    public long StartTicks => Volatile.Read(ref startTicks);

    /// <summary>When the load period ends or ended (Stopwatch ticks); <see cref="long.MaxValue"/> before <see cref="Start"/>.</summary>
    public long EndTicks => Volatile.Read(ref endTicks);

    /// <summary>Starts the period at <paramref name="start"/>; it ends <paramref name="planned"/> later unless ended earlier.</summary>
    public void Start(long start, TimeSpan planned)
    {
        Volatile.Write(ref startTicks, start);
        // A stop that came before the start (an interrupt during warm-up) already ended the period: it stays ended, and empty.
        var plannedEnd = start + (long)(planned.TotalSeconds * Stopwatch.Frequency);
        Volatile.Write(ref endTicks, Math.Max(start, Math.Min(EndTicks, plannedEnd)));
    }

    /// <summary>Ends the period at <paramref name="ticks"/> if that is earlier than the end known so far (never before its start).</summary>
    public void EndAt(long ticks)
    {
        var end = Math.Max(ticks, StartTicks);
        var seen = Volatile.Read(ref endTicks);
        while (end < seen)
        {
            var before = Interlocked.CompareExchange(ref endTicks, end, seen);
            if (before == seen)
            {
                return;
            }

            seen = before;
        }
    }

    /// <summary>The length of the load period as of <paramref name="nowTicks"/>: up to now while it lasts, its full length after.</summary>
    public TimeSpan LengthAt(long nowTicks)
    {
        var start = StartTicks;
        return start == 0 ? TimeSpan.Zero : Stopwatch.GetElapsedTime(start, Math.Max(start, Math.Min(nowTicks, EndTicks)));
    }
}
