namespace Pacer.Cli.Tests;

/// <summary>Mistyped options and commands are named, with the nearest real one, and exit 2 (docs/exit-codes.md).</summary>
public sealed class UsageErrorTests
{
    [Theory]
    [InlineData(new[] { "run", "--rat", "100" }, "unknown option '--rat' (did you mean --rate?)")]
    [InlineData(new[] { "run", "--stric" }, "unknown option '--stric' (did you mean --strict?)")]
    [InlineData(new[] { "run", "--stric", "plan.yaml" }, "unknown option '--stric' (did you mean --strict?)")]
    [InlineData(new[] { "run", "--url", "http://127.0.0.1:1/", "--rate", "5", "--quite" }, "unknown option '--quite' (did you mean --quiet?)")]
    [InlineData(new[] { "run", "--max-request=5", "plan.yaml" }, "unknown option '--max-request' (did you mean --max-requests?)")]
    [InlineData(new[] { "report", "run.json", "--jnuit", "r.xml" }, "unknown option '--jnuit' (did you mean --junit?)")]
    [InlineData(new[] { "compare", "a.json", "--curent", "b.json" }, "unknown option '--curent' (did you mean --current?)")]
    [InlineData(new[] { "compare", "a.json", "--current", "b.json", "--jsno", "c.json" }, "unknown option '--jsno' (did you mean --json?)")]
    [InlineData(new[] { "compare", "a.json", "--current", "b.json", "--html", "c.html" }, "unknown option '--html' (the HTML compare page is written by pacer report BASE.json CURRENT.json --html FILE)")]
    [InlineData(new[] { "run", "--zzzzzz" }, "unknown option '--zzzzzz' (pacer run --help lists the options)")]
    [InlineData(new[] { "rnu", "plan.yaml" }, "unknown command 'rnu' (did you mean run?)")]
    [InlineData(new[] { "reprot", "run.json" }, "unknown command 'reprot' (did you mean report?)")]
    [InlineData(new[] { "frobnicate" }, "unknown command 'frobnicate' (the commands are run, demo, demo-target, compare, report, check, doctor, capacity, tune, history)")]
    public async Task UnknownOptionOrCommand_IsNamedWithTheNearestOne_Exit2(string[] args, string expected)
    {
        var (exit, text, error) = await CliRunner.RunAsync(args);

        Assert.Equal(2, exit);
        Assert.Equal($"pacer: {expected}", error.Split('\n')[0].TrimEnd('\r'));
        Assert.DoesNotContain("no such plan file", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Unrecognized command or argument", error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, text);
    }

    [Fact]
    public async Task UnknownOption_PointsAtTheCommandsHelp()
    {
        var (_, _, error) = await CliRunner.RunAsync("run", "--rat", "100");

        Assert.Contains("Run 'pacer run --help' for usage.", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AfterDoubleDash_AWordStartingWithDash_IsThePlanFile()
    {
        var (exit, _, error) = await CliRunner.RunAsync("run", "--", "-no-such-plan.yaml");

        Assert.Equal(2, exit);
        Assert.Contains("pacer: -no-such-plan.yaml: no such plan file", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnOptionsValueStartingWithDash_IsAValueNotAnUnknownOption()
    {
        var plan = CliRunner.TempFile("plan.yaml");
        await File.WriteAllTextAsync(plan, "target: http://127.0.0.1:1\nrequests:\n  - path: /\nload:\n  model: open\n  rate: 1\n  duration: 1s\n");

        var (exit, _, error) = await CliRunner.RunAsync("run", plan, "--body", "-x");

        Assert.Equal(2, exit);
        Assert.Contains("--body shapes an ad-hoc test", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunHelp_DoesNotClaimADefaultDurationForPlans()
    {
        var (exit, text, _) = await CliRunner.RunAsync("run", "--help");

        Assert.Equal(0, exit);
        var line = text.Split('\n').Single(l => l.Contains("--duration", StringComparison.Ordinal));
        Assert.DoesNotContain("[default:", line, StringComparison.Ordinal);
        Assert.Contains("default 10s", line, StringComparison.Ordinal);
    }
}
