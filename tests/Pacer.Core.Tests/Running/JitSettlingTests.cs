using System.Diagnostics;
using Pacer.Core.Running;
using Pacer.Core.Timing;

namespace Pacer.Core.Tests.Running;

/// <summary>Run alone (the JIT is process-wide: another test compiling beside these would keep it busy).</summary>
[Collection(nameof(TimingSensitive))]
public sealed class JitSettlingTests
{
    [Fact]
    public void WaitForQuiet_NothingCompiling_ReturnsTrueAfterTheQuietSpell()
    {
        var started = Stopwatch.GetTimestamp();

        var quiet = JitSettling.WaitForQuiet(TickSource.System, TimeSpan.FromSeconds(20), CancellationToken.None);

        Assert.True(quiet, "the JIT did not go quiet for 120 ms within 20 s in a test running alone");
        Assert.True(Stopwatch.GetElapsedTime(started) >= JitSettling.Quiet);
    }

    [Fact]
    public void WaitForQuiet_BoundShorterThanTheQuietSpell_ReturnsFalseAtTheBound()
    {
        var started = Stopwatch.GetTimestamp();

        var quiet = JitSettling.WaitForQuiet(TickSource.System, TimeSpan.FromMilliseconds(30), CancellationToken.None);

        Assert.False(quiet);
        // Well before the 20 s a quiet spell could take; not to the millisecond, as a busy machine may hold the thread.
        Assert.True(Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(2), $"returned after {Stopwatch.GetElapsedTime(started).TotalMilliseconds:0} ms");
    }

    [Fact]
    public void WaitForQuiet_Stopped_ReturnsFalseAtOnce()
    {
        using var stopping = new CancellationTokenSource();
        stopping.Cancel();

        Assert.False(JitSettling.WaitForQuiet(TickSource.System, TimeSpan.FromSeconds(20), stopping.Token));
    }
}
