using Pacer.DemoTarget;

namespace Pacer.Cli.Tests;

/// <summary>What <c>pacer run</c> prints around the summary: the plan and target once, and why a run stopped early.</summary>
public sealed class RunSummaryTests
{
    [Fact]
    public async Task Run_NamesThePlanAndTargetOnce()
    {
        await using var target = await DemoTargetHost.StartAsync(new DemoTargetOptions());
        var output = CliRunner.TempFile("once.json");

        var (exit, text, error) = await CliRunner.RunAsync("run", "--url", target.BaseAddress + "health", "--vus", "1", "--duration", "1s", "--max-requests", "5", "--out", output, "-q");

        Assert.True(exit == 0, error + text);
        Assert.Single(text.Split('\n'), l => l.Contains($"GET /health → {target.BaseAddress}", StringComparison.Ordinal));
        Assert.Contains("Ctrl-C stops and keeps the partial result", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_EndedByMaxRequests_SaysSo()
    {
        await using var target = await DemoTargetHost.StartAsync(new DemoTargetOptions());
        var output = CliRunner.TempFile("bound.json");

        var (exit, text, error) = await CliRunner.RunAsync("run", "--url", target.BaseAddress + "health", "--vus", "1", "--duration", "30s", "--max-requests", "20", "--out", output, "-q");

        Assert.True(exit == 0, error + text);
        Assert.Contains("ended by the request bound: 20 requests sent (max_requests, or --max-requests), so the plan did not run to its end", text, StringComparison.Ordinal);
        Assert.Equal(20, CliRunner.ReadResult(output).GetProperty("plan").GetProperty("max_requests").GetInt64());

        // The saved run says it too: pacer report prints the same line from the file.
        var (_, report, _) = await CliRunner.RunAsync("report", output);
        Assert.Contains("ended by the request bound: 20 requests sent", report, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_NotStoppedByItsBound_DoesNotClaimIt()
    {
        await using var target = await DemoTargetHost.StartAsync(new DemoTargetOptions());
        var output = CliRunner.TempFile("unbound.json");

        var (exit, text, error) = await CliRunner.RunAsync("run", "--url", target.BaseAddress + "health", "--rate", "20", "--duration", "1s", "--max-requests", "1000", "--out", output, "-q");

        Assert.True(exit == 0, error + text);
        Assert.DoesNotContain("ended by the request bound", text, StringComparison.Ordinal);
    }
}
