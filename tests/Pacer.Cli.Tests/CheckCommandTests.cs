using Pacer.DemoTarget;

namespace Pacer.Cli.Tests;

/// <summary>
/// <c>pacer check</c> end to end: thresholds judged on a saved run print and exit exactly as the run did, new thresholds can be
/// judged without running again, and bad input exits 2 naming its place.
/// </summary>
public sealed class CheckCommandTests(CheckCommandTests.SavedRun run) : IClassFixture<CheckCommandTests.SavedRun>
{
    [Fact]
    public async Task Check_ThePlansOwnThresholds_PrintsAndExitsAsTheRunDid()
    {
        Assert.Equal(99, run.Exit); // http_req_failed rate<0.01 fails: half the requests are 404s
        var (exit, text, error) = await CliRunner.RunAsync("check", run.ResultPath, "--thresholds", run.PlanPath);

        Assert.True(exit == 99, error + text);
        Assert.Equal(ThresholdLines(run.Output), ThresholdLines(text));
        Assert.Equal(5, ThresholdLines(text).Count);
        Assert.Contains("FAILED 1 of 5 thresholds", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_InlineThresholds_JudgesThemOnTheSavedFigures()
    {
        var result = CliRunner.ReadResult(run.ResultPath);
        var requests = result.GetProperty("metrics").GetProperty("http_reqs").GetProperty("count").GetInt64();

        var (pass, passText, _) = await CliRunner.RunAsync("check", run.ResultPath, "--threshold", $"http_reqs: count=={requests}", "-t", "http_req_duration{name:health}: p(99)<60s", "-t", "http_reqs{status:404}: count>0");
        var (fail, failText, _) = await CliRunner.RunAsync("check", run.ResultPath, "--threshold", "http_req_failed{name:health}: rate<0.01", "--threshold", "iterations: count>1000000");

        Assert.True(pass == 0, passText);
        Assert.Contains($"✓ http_reqs count=={requests}  actual {requests:#,0}", passText, StringComparison.Ordinal);
        Assert.Contains("PASSED all 3 thresholds", passText, StringComparison.Ordinal);
        Assert.Equal(99, fail);
        Assert.Contains("✓ http_req_failed{name:health} rate<0.01", failText, StringComparison.Ordinal);
        Assert.Contains($"✗ iterations count>1000000  actual {requests:#,0}", failText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--threshold", "http_req_duraton: p(95)<50ms", "--threshold 1:1:1: unknown metric 'http_req_duraton' (did you mean 'http_req_duration'?)")]
    [InlineData("--threshold", "http_req_duration{name:nope}: p(95)<50ms", "--threshold 1:1:1: no request is named 'nope'")]
    [InlineData("--threshold", "http_req_failed: p(95)<1", "--threshold 1:1:18: 'p(95)<1' does not apply to http_req_failed, a rate metric")]
    [InlineData("--threshold", "p(95)<50ms", "--threshold 1:1:1: 'p(95)<50ms' is not one threshold")]
    public async Task Check_BadInlineThreshold_ExitsTwoNamingThePlace(string option, string value, string expected)
    {
        var (exit, text, error) = await CliRunner.RunAsync("check", run.ResultPath, option, value);

        Assert.True(exit == 2, error + text);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_BadThresholdsFile_ExitsTwoWithEveryMistakeAndItsLine()
    {
        var path = CliRunner.TempFile("bad-thresholds.yaml");
        await File.WriteAllTextAsync(path, "thresholds:\n  http_reqs: [\"count>0\"]\n  http_req_duraton: [\"p(95)<50ms\"]\n  checks: [\"p(95)<1\"]\n");

        var (exit, _, error) = await CliRunner.RunAsync("check", run.ResultPath, "--thresholds", path);

        Assert.Equal(2, exit);
        Assert.Contains($"{path}:3:3: unknown metric 'http_req_duraton'", error, StringComparison.Ordinal);
        Assert.Contains($"{path}:4:12: 'p(95)<1' does not apply to checks, a rate metric", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_FileWithoutThresholdsSection_ExitsTwo()
    {
        var path = CliRunner.TempFile("no-thresholds.yaml");
        await File.WriteAllTextAsync(path, "name: nothing to judge\n");

        var (exit, _, error) = await CliRunner.RunAsync("check", run.ResultPath, "--thresholds", path);

        Assert.Equal(2, exit);
        Assert.Contains($"{path}: no 'thresholds:' section", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, "check needs thresholds to judge")]
    [InlineData(true, "no such result file")]
    public async Task Check_NoThresholdsOrNoResult_ExitsTwo(bool withThreshold, string expected)
    {
        string[] args = withThreshold ? ["check", CliRunner.TempFile("missing.json"), "-t", "http_reqs: count>0"] : ["check", run.ResultPath];

        var (exit, _, error) = await CliRunner.RunAsync(args);

        Assert.Equal(2, exit);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    private static List<string> ThresholdLines(string text) =>
        [.. text.Split('\n').Select(l => l.TrimEnd()).Where(l => l.StartsWith("  ✓ ", StringComparison.Ordinal) || l.StartsWith("  ✗ ", StringComparison.Ordinal))];

    /// <summary>One short run against the demo target (half its requests 404), saved with the plan that drove it.</summary>
    public sealed class SavedRun : IAsyncLifetime
    {
        public string PlanPath { get; } = CliRunner.TempFile("check-plan.yaml");

        public string ResultPath { get; } = CliRunner.TempFile("check-result.json");

        public int Exit { get; private set; }

        public string Output { get; private set; } = string.Empty;

        public async Task InitializeAsync()
        {
            await using var target = await DemoTargetHost.StartAsync(new DemoTargetOptions());
            await File.WriteAllTextAsync(PlanPath, $$"""
                target: {{target.BaseAddress}}
                requests:
                  - { name: health, path: /health }
                  - { name: missing, path: /no-such-page }
                load: { model: open, rate: 40, duration: 1s }
                thresholds:
                  http_req_duration: ["p(95)<60s"]
                  "http_req_duration{name:health}": ["p(99)<60s", "avg<60s"]
                  "http_req_failed{name:missing}": ["rate>0.9"]
                  http_req_failed: ["rate<0.01"]
                """);
            string error;
            (Exit, Output, error) = await CliRunner.RunAsync("run", PlanPath, "--out", ResultPath, "-q");
            Assert.True(File.Exists(ResultPath), error + Output);
        }

        public Task DisposeAsync()
        {
            File.Delete(PlanPath);
            File.Delete(ResultPath);
            return Task.CompletedTask;
        }
    }
}
