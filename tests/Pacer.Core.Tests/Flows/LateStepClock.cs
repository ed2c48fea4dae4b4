using System.Diagnostics;
using Pacer.Core.Timing;

namespace Pacer.Core.Tests.Flows;

/// <summary>The machine's clock, but every wake-up comes <paramref name="late"/> after its time: a generator that fell behind.</summary>
internal sealed class LateStepClock(TimeSpan late) : IStepClock
{
    public long Now => Stopwatch.GetTimestamp();

    public void WakeAt(long dueTicks, IStepWake wake)
    {
        var at = dueTicks + (long)(late.TotalSeconds * Stopwatch.Frequency);
        var thread = new Thread(() =>
        {
            while (Stopwatch.GetTimestamp() < at)
            {
                Thread.Sleep(1);
            }

            ThreadPool.UnsafeQueueUserWorkItem(wake, preferLocal: false);
        })
        { IsBackground = true };
        thread.Start();
    }
}
