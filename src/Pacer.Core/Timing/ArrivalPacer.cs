using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Pacer.Core.Platform;
using Pacer.Core.Platform.Linux;

namespace Pacer.Core.Timing;

/// <summary>
/// Waits on the dispatcher thread until a Stopwatch tick, precisely and without burning a core. A late wake-up would be
/// charged to the server as queue time, and a spinning dispatcher would starve the workers on a small machine. On Linux it
/// sleeps with nanosleep (tens of microseconds of overshoot, where Thread.Sleep rounds to a millisecond) until just before
/// the target and spins only the last stretch; elsewhere it sleeps in milliseconds and yields the rest. On a fake clock (a
/// test's) the wait is a timer of its provider instead, so the test's time decides when it ends.
/// </summary>
internal static partial class ArrivalPacer
{
    private static readonly long SpinWindow = Stopwatch.Frequency * SpinMicroseconds / 1_000_000;
    private static readonly long MillisecondSleepThreshold = Stopwatch.Frequency * 15 / 10_000; // 1.5 ms
    private static readonly bool Nanosleep = OperatingSystem.IsLinux();

    /// <summary>
    /// How close to the target the dispatcher stops sleeping and spins. With the thread's timer slack at 1 ns (see
    /// <see cref="PrepareThread"/>) nanosleep overshoots by a few microseconds, so 20 µs covers it; at 20,000 arrivals/s
    /// (50 µs apart) the dispatcher then sleeps most of each gap instead of spinning through all of it.
    /// </summary>
    private const int SpinMicroseconds = 20;

    /// <summary>Readies the calling (dispatcher) thread for precise sleeps (see <see cref="LinuxNative.UsePreciseTimerSlack"/>).</summary>
    public static void PrepareThread()
    {
        if (Nanosleep)
        {
            LinuxNative.UsePreciseTimerSlack();
        }
    }

    /// <summary>Returns at or just after <paramref name="targetTicks"/>, or early when <paramref name="cancellationToken"/> is cancelled.</summary>
    [MethodImpl(HotPath.Open)]
    public static void WaitUntil(TickSource ticks, long targetTicks, CancellationToken cancellationToken)
    {
        if (!ticks.IsSystem)
        {
            ticks.BlockUntil(targetTicks, cancellationToken);
            return;
        }

        while (!cancellationToken.IsCancellationRequested)
        {
            var remaining = targetTicks - Stopwatch.GetTimestamp();
            if (remaining <= 0)
            {
                return;
            }

            if (Nanosleep && remaining > SpinWindow)
            {
                // At most 50 ms at a time so cancellation is noticed quickly.
                var sleepTicks = Math.Min(remaining - SpinWindow, Stopwatch.Frequency / 20);
                SleepTicks(sleepTicks);
            }
            else if (!Nanosleep && remaining > MillisecondSleepThreshold)
            {
                Thread.Sleep((int)Math.Clamp((remaining - MillisecondSleepThreshold) * 1000 / Stopwatch.Frequency, 1, 50));
            }
            else if (!Thread.Yield())
            {
                Thread.SpinWait(20);
            }
        }
    }

    /// <summary>
    /// Returns at or somewhat after <paramref name="targetTicks"/> (by the sleep's overshoot, microseconds), or early when
    /// <paramref name="cancellationToken"/> is cancelled: for a dispatcher that releases arrivals ahead of time and so has
    /// slack to spare, no spin.
    /// </summary>
    [MethodImpl(HotPath.Open)]
    public static void SleepUntil(TickSource ticks, long targetTicks, CancellationToken cancellationToken)
    {
        if (!ticks.IsSystem)
        {
            ticks.BlockUntil(targetTicks, cancellationToken);
            return;
        }

        while (!cancellationToken.IsCancellationRequested)
        {
            var remaining = targetTicks - Stopwatch.GetTimestamp();
            if (remaining <= 0)
            {
                return;
            }

            if (Nanosleep)
            {
                SleepTicks(Math.Min(remaining, Stopwatch.Frequency / 20));
            }
            else
            {
                Thread.Sleep((int)Math.Clamp(remaining * 1000 / Stopwatch.Frequency, 1, 50));
            }
        }
    }

    private static void SleepTicks(long ticks)
    {
        var nanoseconds = (long)(ticks * (1_000_000_000.0 / Stopwatch.Frequency));
        var request = new Timespec { Seconds = nanoseconds / 1_000_000_000, Nanoseconds = nanoseconds % 1_000_000_000 };
        // An interrupted sleep (EINTR) just returns early; the caller's loop measures again.
        _ = NativeNanosleep(ref request, IntPtr.Zero);
    }

    [LibraryImport("libc", EntryPoint = "nanosleep", SetLastError = true)]
    private static partial int NativeNanosleep(ref Timespec request, IntPtr remaining);

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
