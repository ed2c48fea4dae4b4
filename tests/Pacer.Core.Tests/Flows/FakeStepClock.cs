using Pacer.Core.Timing;

namespace Pacer.Core.Tests.Flows;

/// <summary>A clock whose time is data: the test sets <see cref="Now"/> and fires the wake-ups asked for, in order.</summary>
internal sealed class FakeStepClock(long now) : IStepClock
{
    private readonly List<(long Due, IStepWake Wake)> waiting = [];

    public long Now { get; set; } = now;

    /// <summary>Every deadline asked for, in order.</summary>
    public List<long> Requested { get; } = [];

    public void WakeAt(long dueTicks, IStepWake wake)
    {
        lock (waiting)
        {
            Requested.Add(dueTicks);
            waiting.Add((dueTicks, wake));
        }
    }

    /// <summary>
    /// Moves time to the earliest deadline (plus <paramref name="late"/> ticks, a wake-up that came late) and runs its wake-up
    /// inline; false when nobody waits.
    /// </summary>
    public bool FireNext(long late = 0)
    {
        (long Due, IStepWake Wake) next;
        lock (waiting)
        {
            if (waiting.Count == 0)
            {
                return false;
            }

            next = waiting.MinBy(w => w.Due);
            waiting.Remove(next);
        }

        Now = Math.Max(Now, next.Due + late);
        next.Wake.Execute();
        return true;
    }
}
