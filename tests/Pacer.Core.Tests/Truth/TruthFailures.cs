namespace Pacer.Core.Tests.Truth;

/// <summary>
/// Collects the failed checks of one run, so that a run reports every truth it broke (with its numbers) rather than only the
/// first: the lead merging the fixes sees at once which ones still fail.
/// </summary>
internal sealed class TruthFailures
{
    private readonly List<string> failures = [];

    /// <summary>Runs one check and keeps its failure.</summary>
    public void Check(Action check)
    {
        try
        {
            check();
        }
        catch (Xunit.Sdk.XunitException e)
        {
            // Kept, and reported with the others by ThrowIfAny, which fails the test.
            failures.Add(e.Message);
        }
    }

    /// <summary>
    /// Fails the test with every failure kept, one per line, and how busy the machine was (<paramref name="run"/>'s probe); as a
    /// <see cref="DisturbedRunException"/> when the machine was disturbed, which <see cref="TruthRetry"/> may try again.
    /// </summary>
    public void ThrowIfAny(TruthRun run)
    {
        if (failures.Count == 0)
        {
            return;
        }

        var message = $"{failures.Count} truth check(s) failed on {run.Transport}:{Environment.NewLine}{string.Join(Environment.NewLine, failures)}{Environment.NewLine}({run.MachineNote})";
        if (run.MachineStallP99Ms > TruthRetry.DisturbedP99Ms)
        {
            throw new DisturbedRunException(message);
        }

        Assert.Fail(message);
    }
}
