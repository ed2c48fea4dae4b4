using System.Diagnostics;
using System.Globalization;

namespace Pacer.History;

/// <summary>Asks <c>git</c> about a working directory; every question answers null when git is absent or the folder is no repository.</summary>
/// <param name="directory">The working directory.</param>
internal sealed class GitInfo(string directory)
{
    /// <summary>How long one git command may take: it reads local files only, and a hung one must not hold a run's exit.</summary>
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public GitHead? Head()
    {
        var lines = Git("log", "-1", "--format=%H%n%aI");
        if (lines is not [var commit, var time, ..])
        {
            return null;
        }

        var branch = Git("rev-parse", "--abbrev-ref", "HEAD") is [var b, ..] && b != "HEAD" ? b : null;
        return new GitHead(commit, branch, Parse(time));
    }

    public DateTimeOffset? AuthorTime(string commit) =>
        Git("show", "-s", "--format=%aI", commit, "--") is [var time, ..] ? Parse(time) : null;

    private static DateTimeOffset? Parse(string text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? time : null;

    private string[]? Git(params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(start);
            if (process is null)
            {
                return null;
            }

            var output = process.StandardOutput.ReadToEndAsync();
            // Drained so a chatty git cannot fill the pipe and block; what it says goes unused (the answer is then null).
            _ = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                return null;
            }

            return process.ExitCode == 0 ? output.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : null;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            // No git on this machine: the labels then come from CI and --label only, which is what the user sees in history show.
            return null;
        }
    }
}
