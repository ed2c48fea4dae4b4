using System.Globalization;

namespace Pacer.History;

/// <summary>
/// What the common CI systems say about the build in their environment variables: commit, branch, build id, and (GitLab only)
/// the commit's time. A pull request's build gives its source branch, which is the branch the measured code belongs to.
/// </summary>
internal static class CiEnvironment
{
    public static IEnumerable<KeyValuePair<string, string>> Read(Func<string, string?> env)
    {
        ArgumentNullException.ThrowIfNull(env);
        string? Get(string name) => env(name) is { Length: > 0 } v ? v.Trim() : null;

        (string Ci, string? Commit, string? Branch, string? Run, string? Time)? found =
            Get("GITHUB_ACTIONS") == "true" ? ("github", Get("GITHUB_SHA"), Get("GITHUB_HEAD_REF") ?? Get("GITHUB_REF_NAME"), Get("GITHUB_RUN_ID"), null)
            : Get("GITLAB_CI") is not null ? ("gitlab", Get("CI_COMMIT_SHA"), Get("CI_MERGE_REQUEST_SOURCE_BRANCH_NAME") ?? Get("CI_COMMIT_BRANCH") ?? Get("CI_COMMIT_REF_NAME"), Get("CI_PIPELINE_ID"), Get("CI_COMMIT_TIMESTAMP"))
            : Get("BUILDKITE") == "true" ? ("buildkite", Get("BUILDKITE_COMMIT"), Get("BUILDKITE_BRANCH"), Get("BUILDKITE_BUILD_NUMBER"), null)
            : Get("CIRCLECI") == "true" ? ("circleci", Get("CIRCLE_SHA1"), Get("CIRCLE_BRANCH"), Get("CIRCLE_BUILD_NUM"), null)
            : Get("TF_BUILD") is { } tf && tf.Equals("true", StringComparison.OrdinalIgnoreCase)
                ? ("azure", Get("BUILD_SOURCEVERSION"), Ref(Get("SYSTEM_PULLREQUEST_SOURCEBRANCH") ?? Get("BUILD_SOURCEBRANCH")), Get("BUILD_BUILDID"), null)
            : Get("JENKINS_URL") is not null ? ("jenkins", Get("GIT_COMMIT"), Jenkins(Get("CHANGE_BRANCH") ?? Get("BRANCH_NAME") ?? Get("GIT_BRANCH")), Get("BUILD_NUMBER"), null)
            : null;
        if (found is not { } ci)
        {
            yield break;
        }

        yield return new(RunLabels.Ci, ci.Ci);
        if (ci.Commit is not null)
        {
            yield return new(RunLabels.Commit, ci.Commit);
        }

        if (ci.Branch is not null)
        {
            yield return new(RunLabels.Branch, ci.Branch);
        }

        if (ci.Run is not null)
        {
            yield return new(RunLabels.CiRun, ci.Run);
        }

        if (ci.Time is not null && DateTimeOffset.TryParse(ci.Time, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            yield return new(RunLabels.CommitTimeKey, time.ToString("O", CultureInfo.InvariantCulture));
        }
    }

    /// <summary>Azure gives <c>refs/heads/main</c>; the branch is <c>main</c>.</summary>
    private static string? Ref(string? name) =>
        name is not null && name.StartsWith("refs/heads/", StringComparison.Ordinal) ? name["refs/heads/".Length..] : name;

    /// <summary>Jenkins' Git plugin gives <c>origin/main</c>; the branch is <c>main</c>.</summary>
    private static string? Jenkins(string? name) =>
        name is not null && name.StartsWith("origin/", StringComparison.Ordinal) ? name["origin/".Length..] : name;
}
