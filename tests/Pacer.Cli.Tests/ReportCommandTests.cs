namespace Pacer.Cli.Tests;

/// <summary><c>pacer report</c> of one saved run: its exit code and what it says about a file that is not a result.</summary>
public sealed class ReportCommandTests
{
    [Fact]
    public async Task Report_OfAFailedRun_ExitsAsTheRunDid()
    {
        // Nothing listens on port 1: no request gets a response, so the run does not pass (99).
        var output = CliRunner.TempFile("failed.json");
        var (runExit, runText, runError) = await CliRunner.RunAsync("run", "--url", "http://127.0.0.1:1/", "--rate", "20", "--duration", "1s", "--max-requests", "5", "--out", output, "-q");
        Assert.True(runExit == 99, runError + runText);

        var (exit, text, error) = await CliRunner.RunAsync("report", output);

        Assert.True(exit == 99, error + text);
        Assert.Contains("FAILED", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_OfAFileThatIsNotJson_SaysWhatItExpected()
    {
        var junk = CliRunner.TempFile("junk.txt");
        await File.WriteAllTextAsync(junk, "junk\n");

        var (exit, _, error) = await CliRunner.RunAsync("report", junk);

        Assert.Equal(2, exit);
        Assert.Equal(
            $"pacer: {junk}: not a Pacer result file (expected the pacer.run/v1 JSON that pacer run writes; this is not JSON: 'j' is an invalid start of a value at line 1, byte 1)",
            error.TrimEnd());
        Assert.DoesNotContain("LineNumber", error, StringComparison.Ordinal);
    }
}
