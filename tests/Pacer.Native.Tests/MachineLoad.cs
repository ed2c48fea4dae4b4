using System.Diagnostics;
using System.Globalization;

namespace Pacer.Native.Tests;

/// <summary>
/// How busy the machine's processors are, from /proc/stat, and a wait for a quiet spell. A timing test on two shared cores
/// judges the other test assemblies (dotnet test runs them side by side) as much as Pacer; it waits, within a bound, until they
/// are done, and says how busy the machine was either way.
/// </summary>
internal static class MachineLoad
{
    /// <summary>The share of processor time spent idle over <paramref name="span"/>.</summary>
    public static async Task<double> IdleShareAsync(TimeSpan span)
    {
        var (idle0, total0) = Read();
        await Task.Delay(span);
        var (idle1, total1) = Read();
        return total1 == total0 ? 1 : (double)(idle1 - idle0) / (total1 - total0);
    }

    /// <summary>
    /// Waits until the processors were at least <paramref name="idleShare"/> idle over one second, at most
    /// <paramref name="bound"/>; returns the last second's idle share and how long it waited.
    /// </summary>
    public static async Task<(double IdleShare, TimeSpan Waited)> WaitForQuietAsync(double idleShare, TimeSpan bound)
    {
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            var idle = await IdleShareAsync(TimeSpan.FromSeconds(1));
            var waited = Stopwatch.GetElapsedTime(started);
            if (idle >= idleShare || waited >= bound)
            {
                return (idle, waited);
            }
        }
    }

    private static (long Idle, long Total) Read()
    {
        // "cpu  user nice system idle iowait irq softirq steal guest guest_nice", in clock ticks since boot.
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8)
            .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        return (fields[3] + fields[4], fields.Sum());
    }
}
