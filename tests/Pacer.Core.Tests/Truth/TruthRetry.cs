using Xunit.Abstractions;
using Xunit.Sdk;

namespace Pacer.Core.Tests.Truth;

/// <summary>
/// Runs a truth test again when its checks failed while the machine itself held this process's threads back: the test
/// assemblies run side by side on two cores, and a check within 2% of a 30 ms service time, or an arrival within a
/// millisecond of its schedule, cannot tell Pacer's lateness from the machine's. A failure on an undisturbed machine (the
/// probe's 1 ms sleeps no more than <see cref="DisturbedP99Ms"/> late at p99) fails at once, and the last attempt's failure
/// always stands.
/// </summary>
internal static class TruthRetry
{
    /// <summary>The probe's p99 oversleep above which a run's failed checks may be the machine's (the tightest bound checked is 1 ms).</summary>
    public const double DisturbedP99Ms = 1.0;

    private const int Attempts = 3;

    public static async Task WhileDisturbedAsync(ITestOutputHelper output, Func<Task> test)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await test();
                return;
            }
            catch (DisturbedRunException e) when (attempt < Attempts)
            {
                output.WriteLine($"attempt {attempt} failed on a disturbed machine, tried again: {e.Message}");
            }
        }
    }
}

/// <summary>Truth checks that failed while the machine was disturbed (<see cref="TruthRetry"/>); a test failure like any other if it stands.</summary>
internal sealed class DisturbedRunException(string message) : XunitException(message);
