namespace Pacer.Core.Tests.Truth;

/// <summary>
/// A truth test that CI skips and <c>bench/startup.sh</c> runs (with <c>PACER_STARTUP_TRUTH=1</c>): the 10,000/s start-up of the
/// JIT-compiled engine in the test host, which the runtime's re-compilation stalls (docs/truth.md, rounds 3–7). It runs where
/// JIT settings are compared, variant by variant; the native pacer's start-up is judged in CI by tests/Pacer.Native.Tests.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class StartUpTruthFactAttribute : FactAttribute
{
    /// <summary>The environment variable that runs the test.</summary>
    public const string Variable = "PACER_STARTUP_TRUTH";

    public StartUpTruthFactAttribute(string reason)
    {
        if (Environment.GetEnvironmentVariable(Variable) != "1")
        {
            Skip = $"{reason} Runs with {Variable}=1 (bench/startup.sh).";
        }
    }
}
