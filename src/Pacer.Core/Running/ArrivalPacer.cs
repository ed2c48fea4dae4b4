using System.Diagnostics;

namespace Pacer.Core.Running;

/// <summary>
/// Waits on the dispatcher thread until a Stopwatch tick, precisely. Sleeping has about a millisecond of granularity on Linux,
/// and a late wake-up would be charged to the server as queue time; so the pacer sleeps only while the target is comfortably
/// far away and yields the rest, which gives the core to the workers whenever they have something to do.
/// </summary>
internal static class ArrivalPacer
{
    private static readonly long SleepThreshold = Stopwatch.Frequency * 15 / 10_000; // 1.5 ms

    /// <summary>Returns at or just after <paramref name="targetTicks"/>, or early when <paramref name="cancellationToken"/> is cancelled.</summary>
    public static void WaitUntil(long targetTicks, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var remaining = targetTicks - Stopwatch.GetTimestamp();
            if (remaining <= 0)
            {
                return;
            }

            if (remaining > SleepThreshold)
            {
                var ms = (int)Math.Min(50, (remaining - SleepThreshold) * 1000 / Stopwatch.Frequency);
                Thread.Sleep(Math.Max(1, ms));
            }
            else if (!Thread.Yield())
            {
                Thread.SpinWait(20);
            }
        }
    }
}
