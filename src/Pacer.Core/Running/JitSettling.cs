using System.Runtime;
using Pacer.Core.Timing;

namespace Pacer.Core.Running;

/// <summary>
/// Waits for the runtime's JIT to go quiet: no method compiled, on any thread, for <see cref="Quiet"/>. With tiered
/// compilation the runtime counts a method's calls (to re-compile it optimised) only once 100 ms have passed without a
/// first-time compilation, and re-compiles in the background; a quiet spell longer than that means both the wait and the
/// re-compilations it released are over.
/// </summary>
internal static class JitSettling
{
    /// <summary>The quiet spell that counts as settled: the runtime's call-counting delay (100 ms) and a margin.</summary>
    public static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(120);

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(5);

    /// <summary>
    /// Blocks (a dedicated thread: a dispatcher) until nothing has been compiled for <see cref="Quiet"/>, at most
    /// <paramref name="bound"/>, or until <paramref name="stopping"/>; returns whether it went quiet. The JIT works in real
    /// time, so <paramref name="ticks"/> is the machine's clock wherever this is called.
    /// </summary>
    public static bool WaitForQuiet(TickSource ticks, TimeSpan bound, CancellationToken stopping)
    {
        var start = ticks.Now;
        var count = JitInfo.GetCompiledMethodCount();
        var quietSince = start;
        while (!stopping.IsCancellationRequested)
        {
            var now = ticks.Now;
            if (now - quietSince >= TickSource.ToTicks(Quiet))
            {
                return true;
            }

            if (now - start >= TickSource.ToTicks(bound))
            {
                return false;
            }

            // Not a precise wait: a poll of a counter, a few milliseconds either way change nothing.
            stopping.WaitHandle.WaitOne(Poll);
            var latest = JitInfo.GetCompiledMethodCount();
            if (latest != count)
            {
                (count, quietSince) = (latest, ticks.Now);
            }
        }

        return false;
    }
}
