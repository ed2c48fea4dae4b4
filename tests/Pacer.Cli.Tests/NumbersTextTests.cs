using System.Text.RegularExpressions;
using Pacer.DemoTarget;

namespace Pacer.Cli.Tests;

/// <summary>Numbers as <c>pacer run</c> prints them, through the one formatter of the reports.</summary>
public sealed class NumbersTextTests
{
    [Fact]
    public async Task Run_OneMillisecondPlan_IsShownAsOneMillisecond_NotZeroSeconds()
    {
        // Before: "(open model, 0 s, …)" in the start line and "… of 0.0 s planned" in the summary.
        await using var target = await DemoTargetHost.StartAsync(new DemoTargetOptions());
        var output = CliRunner.TempFile("one-ms.json");

        var (exit, text, error) = await CliRunner.RunAsync("run", "--url", target.BaseAddress + "health", "--rate", "100", "--duration", "1ms", "--out", output, "-q");

        Assert.True(exit == 0, error + text);
        Assert.Contains("(open model, 1 ms planned, transport", text, StringComparison.Ordinal);
        Assert.Contains(" of 1 ms planned", text, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"(?<![\d.,])0(\.0)? s\b", text);
    }
}
