using System.Diagnostics;

namespace Pacer.History.Tests;

/// <summary>Labels from git, in a repository the test makes (git is on every machine Pacer's CI runs on).</summary>
public sealed class GitInfoTests : IDisposable
{
    private readonly string _repo = Path.Combine(Path.GetTempPath(), $"pacer-git-{Guid.NewGuid():N}");

    public GitInfoTests()
    {
        Directory.CreateDirectory(_repo);
        Git("init", "-q", "-b", "trunk");
        File.WriteAllText(Path.Combine(_repo, "a.txt"), "a");
        Git("add", "a.txt");
        Git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "first", "--date", "2026-11-30T08:00:00Z");
        File.WriteAllText(Path.Combine(_repo, "a.txt"), "b");
        Git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-am", "second", "--date", "2026-12-01T09:30:00Z");
    }

    [Fact]
    public void Git_gives_the_head_commit_its_branch_and_its_author_time()
    {
        var labels = RunLabels.Collect(_ => null, new GitInfo(_repo), new Dictionary<string, string>());

        Assert.Equal(Git("rev-parse", "HEAD"), labels[RunLabels.Commit]);
        Assert.Equal("trunk", labels[RunLabels.Branch]);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 9, 30, 0, TimeSpan.Zero), RunLabels.CommitTime(labels));
    }

    [Fact]
    public void A_commit_named_by_CI_gets_its_own_author_time_not_heads()
    {
        var first = Git("rev-parse", "HEAD~1");

        var labels = RunLabels.Collect(name => name switch { "CIRCLECI" => "true", "CIRCLE_SHA1" => first, _ => null }, new GitInfo(_repo), new Dictionary<string, string>());

        Assert.Equal(first, labels[RunLabels.Commit]);
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero), RunLabels.CommitTime(labels));
        Assert.False(labels.ContainsKey(RunLabels.Branch));
    }

    [Fact]
    public void A_folder_that_is_no_repository_gives_nothing()
    {
        Assert.Null(new GitInfo(Path.GetTempPath()).Head());
    }

    public void Dispose() => Directory.Delete(_repo, recursive: true);

    private string Git(params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = _repo, RedirectStandardOutput = true, UseShellExecute = false };
        start.Environment["GIT_COMMITTER_DATE"] = "2026-12-01T09:30:00Z";
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        return output;
    }
}
