namespace Pacer.Cli.Tests;

/// <summary>A plan's mistakes, as <c>pacer run</c> prints them: all at once, each saying what is wrong.</summary>
public sealed class PlanErrorTests
{
    [Fact]
    public async Task Run_PlanWithADuplicateKeyAndOtherMistakes_ListsThemAllAndExits2()
    {
        var plan = CliRunner.TempFile("mistakes.yaml");
        await File.WriteAllTextAsync(plan, "target: http://127.0.0.1:1\nrequests:\n  - name: a\n    path: /x\n    path: /z\n  - name: a\n    path: /y\nload:\n  model: open\n  rate: 10\n  duration: -5s\n");

        var (exit, text, error) = await CliRunner.RunAsync("run", plan, "--out", CliRunner.TempFile("never.json"));

        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, text);
        Assert.Equal(
            [
                $"{plan}:5:5: 'path' appears twice in the same mapping (a key may be given once; remove or rename one of them)",
                $"{plan}:6:5: two requests are named 'a' (give each request a distinct name: results are reported per name)",
                $"{plan}:11:13: duration '-5s' is negative (a duration counts up from zero: write 5s)",
            ],
            error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')));
    }
}
