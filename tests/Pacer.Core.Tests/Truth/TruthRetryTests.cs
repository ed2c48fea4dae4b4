using Xunit.Abstractions;
using Xunit.Sdk;

namespace Pacer.Core.Tests.Truth;

/// <summary>The truth suite's retry tries again only what failed on a disturbed machine, and never hides a failure for good.</summary>
public sealed class TruthRetryTests
{
    [Fact]
    public async Task WhileDisturbed_AFailureOnADisturbedMachine_IsTriedAgain()
    {
        var output = new Lines();
        var attempts = 0;

        await TruthRetry.WhileDisturbedAsync(output, () => ++attempts < 3 ? throw new DisturbedRunException("late by 3 ms") : Task.CompletedTask);

        Assert.Equal(3, attempts);
        Assert.Equal(2, output.Written.Count);
        Assert.All(output.Written, line => Assert.Contains("disturbed machine, tried again: late by 3 ms", line, StringComparison.Ordinal));
    }

    [Fact]
    public async Task WhileDisturbed_TheLastAttemptsFailureStands()
    {
        var attempts = 0;

        await Assert.ThrowsAsync<DisturbedRunException>(() => TruthRetry.WhileDisturbedAsync(new Lines(), () =>
        {
            attempts++;
            throw new DisturbedRunException("late by 3 ms");
        }));

        Assert.Equal(3, attempts);
    }

    [Fact]
    public async Task WhileDisturbed_AFailureOnAQuietMachine_FailsAtOnce()
    {
        var attempts = 0;

        await Assert.ThrowsAsync<FailException>(() => TruthRetry.WhileDisturbedAsync(new Lines(), () =>
        {
            attempts++;
            Assert.Fail("p99 8 ms");
            return Task.CompletedTask;
        }));

        Assert.Equal(1, attempts);
    }

    private sealed class Lines : ITestOutputHelper
    {
        public List<string> Written { get; } = [];

        public void WriteLine(string message) => Written.Add(message);

        public void WriteLine(string format, params object[] args) => Written.Add(string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args));
    }
}
