using System.Text.RegularExpressions;
using Pacer.Core.Results;
using Pacer.DemoTarget;

namespace Pacer.Cli.Tests;

/// <summary><c>pacer report old.json</c> lists the same findings as the run: they are a function of the result file alone.</summary>
public sealed class ReportFindingsTests
{
    [Fact]
    public async Task Report_OfASavedWatchedRun_ListsItsFindings_AndTheMarkdownToo()
    {
        await using var target = await DemoTargetHost.StartAsync(new DemoTargetOptions());
        var path = CliRunner.TempFile("watched.json");
        var (runExit, runText, runError) = await CliRunner.RunAsync("run", "--url", new Uri(target.BaseAddress, "health").ToString(), "--rate", "20", "--duration", "6s", "--out", path, "-q");
        Assert.True(runExit == 0, runError + runText);

        // What a watcher would have written: CPU at its one core from the second tick on (a tick's key may be a little before
        // or after its whole second, so the boundary sits between the first and the second tick).
        var run = await ResultFile.ReadAsync(path, CancellationToken.None);
        var points = run.Series.Select(i => new TargetPointResult(i.T, i.T < 1.5 ? 0.3 : 0.98)).ToList();
        run = run with
        {
            Target = new TargetResult(
                [new TargetSourceResult("pid", "4242", points.Count, [])],
                [new TargetMetricResult("target_cpu", "pid", "cores", points.Average(p => p.V), 0.98, 0.98, points) { Limit = 1, Min = 0.3, Last = 0.98 }]),
        };
        await ResultFile.WriteAsync(run, path, CancellationToken.None);
        var markdown = CliRunner.TempFile("watched.md");

        var (exit, text, error) = await CliRunner.RunAsync("report", path, "--md", markdown);

        Assert.True(exit == 0, error + text);
        // Ranked after the generator's finding when this machine was too busy for the generator too; the second is the second
        // tick's own key (about 2, later when a busy machine's ticker ran late).
        // The latency clause after the second depends on this run's own p99s (rose, stayed, or no requests in those seconds).
        Assert.True(Regex.IsMatch(text, @"\n  [12]\. CPU-bound: the target used 0\.980 of 1 core from second [1-3](\.[0-9]+)?[,:] "), text);
        var md = await File.ReadAllTextAsync(markdown);
        Assert.True(Regex.IsMatch(md, @"\n[12]\. \*\*CPU-bound\*\*: the target used 0\.980 of 1 core from second [1-3](\.[0-9]+)?[,:] "), md);
    }

    [Fact]
    public async Task Report_OfASavedUnwatchedRun_SaysTheTargetWasNotWatched()
    {
        await using var target = await DemoTargetHost.StartAsync(new DemoTargetOptions());
        var path = CliRunner.TempFile("unwatched.json");
        var (runExit, runText, runError) = await CliRunner.RunAsync("run", "--url", new Uri(target.BaseAddress, "health").ToString(), "--rate", "20", "--duration", "1s", "--out", path, "-q");
        Assert.True(runExit == 0, runError + runText);

        var (_, text, _) = await CliRunner.RunAsync("report", path);

        Assert.Contains("the target was not watched", text, StringComparison.Ordinal);
    }
}
