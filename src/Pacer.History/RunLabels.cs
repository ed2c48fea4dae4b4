using System.Globalization;

namespace Pacer.History;

/// <summary>
/// The labels a run is recorded with: what CI says about the build, what <c>git</c> says about the working directory, and the
/// user's own <c>--label k=v</c>, later ones overriding earlier ones (so a label given by hand always wins).
/// </summary>
internal static class RunLabels
{
    /// <summary>The commit measured.</summary>
    public const string Commit = "commit";

    /// <summary>Its branch.</summary>
    public const string Branch = "branch";

    /// <summary>Its author time, ISO 8601: history is ordered by it.</summary>
    public const string CommitTimeKey = "commit_time";

    /// <summary>The CI system (<c>github</c>, <c>gitlab</c> …).</summary>
    public const string Ci = "ci";

    /// <summary>The CI system's id of the build.</summary>
    public const string CiRun = "ci_run";

    /// <summary>The labels of a run recorded now.</summary>
    /// <param name="environment">Reads an environment variable (the process's, or a test's).</param>
    /// <param name="git">Asks git (null when git is not there, or the folder is no repository).</param>
    /// <param name="overrides">The user's <c>--label k=v</c>.</param>
    public static Dictionary<string, string> Collect(Func<string, string?> environment, GitInfo? git, IReadOnlyDictionary<string, string> overrides)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(overrides);
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in CiEnvironment.Read(environment).Concat(overrides))
        {
            labels[key] = value;
        }

        if (git?.Head() is { } head)
        {
            // git fills what CI and the user left out. A commit given by either may differ from HEAD (CI's merge ref, a result
            // recorded later): HEAD's branch and time then describe another commit, so the time is asked of the commit named.
            var named = labels.GetValueOrDefault(Commit);
            labels.TryAdd(Commit, head.Commit);
            var isHead = named is null || named == head.Commit;
            if (isHead && head.Branch is { } branch)
            {
                labels.TryAdd(Branch, branch);
            }

            if (!labels.ContainsKey(CommitTimeKey) && (isHead ? head.AuthorTime : git.AuthorTime(named!)) is { } time)
            {
                labels[CommitTimeKey] = time.ToString("O", CultureInfo.InvariantCulture);
            }
        }

        return labels;
    }

    /// <summary>Parses <c>k=v</c> pairs; a pair without <c>=</c> or with an empty key is refused with the pair named.</summary>
    /// <exception cref="ArgumentException">A pair that is not <c>k=v</c>.</exception>
    public static Dictionary<string, string> Parse(IEnumerable<string> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new ArgumentException($"--label '{pair}' should be key=value, e.g. --label branch=main");
            }

            var key = pair[..eq].Trim();
            if (key == CommitTimeKey && CommitTime(new Dictionary<string, string> { [key] = pair[(eq + 1)..] }) is null)
            {
                throw new ArgumentException($"--label '{pair}': commit_time should be an ISO 8601 time, e.g. commit_time=2026-12-05T15:40:00Z");
            }

            labels[key] = pair[(eq + 1)..].Trim();
        }

        return labels;
    }

    /// <summary>The commit time label, or null when there is none or it is no time.</summary>
    public static DateTimeOffset? CommitTime(IReadOnlyDictionary<string, string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        return labels.TryGetValue(CommitTimeKey, out var text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time
            : null;
    }
}
