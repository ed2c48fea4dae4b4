using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Pacer.DemoTarget;

/// <summary>
/// Burns a given amount of CPU on the calling thread (<c>/cpu?ms=N</c>): hashes until the thread's own CPU clock has advanced by
/// that much, so a request costs the same CPU however busy the machine is (a wall-clock spin would cost less when other
/// processes take the cores). Where the thread clock cannot be read (not Linux) it spins on the wall clock instead.
/// </summary>
internal static partial class CpuBurner
{
    private const int ClockThreadCpuTime = 3;

    /// <summary>Burns <paramref name="cpu"/> of this thread's CPU time and returns how much it actually burned.</summary>
    public static TimeSpan Burn(TimeSpan cpu)
    {
        var start = ThreadCpu();
        var wall = System.Diagnostics.Stopwatch.StartNew();
        Span<byte> buffer = stackalloc byte[64];
        TimeSpan burned;
        do
        {
            // A few hundred hashes between clock reads: reading the clock is a system call, hashing is the work.
            for (var i = 0; i < 200; i++)
            {
                SHA256.HashData(buffer, buffer[..32]);
            }

            burned = start is { } from ? ThreadCpu()!.Value - from : wall.Elapsed;
        }
        while (burned < cpu);

        return burned;
    }

    /// <summary>The calling thread's CPU time, or null where it cannot be read.</summary>
    private static TimeSpan? ThreadCpu()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        Span<long> timespec = stackalloc long[2];
        return ClockGetTime(ClockThreadCpuTime, ref MemoryMarshal.GetReference(timespec)) == 0
            ? TimeSpan.FromTicks((timespec[0] * TimeSpan.TicksPerSecond) + (timespec[1] / 100))
            : null;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, ref long timespec);
}
