using Pacer.DemoTarget;

namespace Pacer.Cli.Tests;

[Collection(nameof(TimingSensitive))]
public sealed class CompareCommandTests
{
    [Fact]
    public async Task Compare_SlowerWorkerPoolAgainstBaseline_IsRegressedAndExits99()
    {
        // Three real runs a side against the demo target: the current side has two workers doing fifty times the work per
        // session, so at 100 sessions/s they are half busy and requests queue behind each other.
        var baseline = await RunsAsync(new DemoTargetOptions { WorkCost = 200 }, "base");
        var current = await RunsAsync(new DemoTargetOptions { WorkCost = 10_000, WorkerPoolSize = 2 }, "cur");
        var md = CliRunner.TempFile("compare.md");
        var junit = CliRunner.TempFile("compare.xml");

        var (exit, text, error) = await CliRunner.RunAsync(["compare", .. baseline, "--current", .. current, "--md", md, "--junit", junit]);

        Assert.True(exit == 99, error + text);
        Assert.Contains("REGRESSED", text, StringComparison.Ordinal);
        Assert.Contains("regressed", await File.ReadAllTextAsync(md), StringComparison.Ordinal);
        Assert.Contains("<failure", await File.ReadAllTextAsync(junit), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compare_SameSettingsBothSides_DoesNotCallARegression()
    {
        // An A/A comparison judges the machine as much as Pacer: the two sides' runs take turns (a, b, a, b …), as a careful
        // user would run them, so a burst of load from other work on a shared machine falls on both sides, not on one.
        await using var targetA = await DemoTargetHost.StartAsync(new DemoTargetOptions());
        await using var targetB = await DemoTargetHost.StartAsync(new DemoTargetOptions());
        var baseline = new List<string>();
        var current = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            baseline.Add(await RunOnceAsync(targetA, $"a-{i}"));
            current.Add(await RunOnceAsync(targetB, $"b-{i}"));
        }

        var json = CliRunner.TempFile("compare.json");

        var (exit, text, error) = await CliRunner.RunAsync(["compare", .. baseline, "--current", .. current, "--threshold", "50%", "--json", json]);

        Assert.True(exit == 0, error + text);
        Assert.Contains("\"schema\": \"pacer.compare/v1\"", await File.ReadAllTextAsync(json), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compare_FileOfNoKnownFormat_Exits2NamingIt()
    {
        var junk = CliRunner.TempFile("junk.json");
        await File.WriteAllTextAsync(junk, "{\"hello\": 1}");

        var (exit, _, error) = await CliRunner.RunAsync("compare", junk, "--current", junk);

        Assert.Equal(2, exit);
        Assert.Contains(junk, error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    private static async Task<string[]> RunsAsync(DemoTargetOptions options, string label)
    {
        await using var target = await DemoTargetHost.StartAsync(options);
        var files = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            files.Add(await RunOnceAsync(target, $"{label}-{i}"));
        }

        return [.. files];
    }

    private static async Task<string> RunOnceAsync(DemoTargetHost target, string label)
    {
        var output = CliRunner.TempFile($"{label}.json");
        var (exit, text, error) = await CliRunner.RunAsync("run", "--url", target.BaseAddress + "api/sessions", "--method", "POST", "--body", "{\"name\":\"x\"}", "-H", "Content-Type: application/json", "--rate", "100", "--duration", "1500ms", "--out", output, "-q");
        Assert.True(exit == 0, error + text);
        return output;
    }
}
