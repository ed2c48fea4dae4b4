namespace Pacer.Cli.Tests;

/// <summary>
/// <c>pacer demo</c> must pass its own thresholds (p99 under 100 ms), which says as much about the machine as about Pacer: it runs
/// in a collection of its own, after the parallel tests, so twenty other tests loading the same two cores do not fail it.
/// </summary>
[Collection(nameof(TimingSensitive))]
public sealed class DemoCommandTests
{
    [Fact]
    public async Task Demo_ShortRun_PassesAndWritesTheResult()
    {
        var output = CliRunner.TempFile("demo.json");
        var html = CliRunner.TempFile("demo.html");
        var markdown = CliRunner.TempFile("demo.md");
        var junit = CliRunner.TempFile("demo.xml");

        var (exit, text, error) = await CliRunner.RunAsync("demo", "--duration", "3s", "--out", output, "--html", html, "--md", markdown, "--junit", junit, "-q");

        Assert.True(exit == 0, error + text);
        Assert.Contains("PASSED all 4 thresholds", text, StringComparison.Ordinal);
        var result = CliRunner.ReadResult(output);
        Assert.Equal("pacer.run/v1", result.GetProperty("schema").GetString());
        Assert.Equal(4, result.GetProperty("requests").GetArrayLength());
        Assert.Equal("examples/demo.yaml", result.GetProperty("plan").GetProperty("path").GetString());
        Assert.StartsWith("sha256:", result.GetProperty("plan").GetProperty("digest").GetString(), StringComparison.Ordinal);
        Assert.True(result.GetProperty("series").GetArrayLength() >= 3);
        Assert.Contains("<title>Pacer · demo</title>", await File.ReadAllTextAsync(html), StringComparison.Ordinal);

        // demo takes run's report options: the same files a run of the plan would write.
        Assert.Contains("demo", await File.ReadAllTextAsync(markdown), StringComparison.Ordinal);
        Assert.Contains("<testsuite", await File.ReadAllTextAsync(junit), StringComparison.Ordinal);
    }
}
