namespace Pacer.History.Tests;

public sealed class CiEnvironmentTests
{
    public static TheoryData<string, string, string, string, string> Systems => new()
    {
        { "GITHUB_ACTIONS=true;GITHUB_SHA=a1;GITHUB_REF_NAME=main;GITHUB_RUN_ID=77", "github", "a1", "main", "77" },
        { "GITHUB_ACTIONS=true;GITHUB_SHA=a1;GITHUB_REF_NAME=12/merge;GITHUB_HEAD_REF=feature;GITHUB_RUN_ID=77", "github", "a1", "feature", "77" },
        { "GITLAB_CI=true;CI_COMMIT_SHA=b2;CI_COMMIT_BRANCH=main;CI_PIPELINE_ID=5", "gitlab", "b2", "main", "5" },
        { "GITLAB_CI=true;CI_COMMIT_SHA=b2;CI_COMMIT_REF_NAME=dev;CI_PIPELINE_ID=5", "gitlab", "b2", "dev", "5" },
        { "JENKINS_URL=http://j/;GIT_COMMIT=c3;GIT_BRANCH=origin/main;BUILD_NUMBER=9", "jenkins", "c3", "main", "9" },
        { "BUILDKITE=true;BUILDKITE_COMMIT=d4;BUILDKITE_BRANCH=main;BUILDKITE_BUILD_NUMBER=3", "buildkite", "d4", "main", "3" },
        { "CIRCLECI=true;CIRCLE_SHA1=e5;CIRCLE_BRANCH=main;CIRCLE_BUILD_NUM=4", "circleci", "e5", "main", "4" },
        { "TF_BUILD=True;BUILD_SOURCEVERSION=f6;BUILD_SOURCEBRANCH=refs/heads/release/1;BUILD_BUILDID=8", "azure", "f6", "release/1", "8" },
    };

    [Theory]
    [MemberData(nameof(Systems))]
    public void Each_CI_system_gives_commit_branch_and_build(string variables, string ci, string commit, string branch, string run)
    {
        var labels = RunLabels.Collect(Env(variables), git: null, new Dictionary<string, string>());

        Assert.Equal(ci, labels[RunLabels.Ci]);
        Assert.Equal(commit, labels[RunLabels.Commit]);
        Assert.Equal(branch, labels[RunLabels.Branch]);
        Assert.Equal(run, labels[RunLabels.CiRun]);
    }

    [Fact]
    public void GitLab_gives_the_commit_time_and_a_label_given_by_hand_wins()
    {
        var labels = RunLabels.Collect(
            Env("GITLAB_CI=true;CI_COMMIT_SHA=b2;CI_COMMIT_BRANCH=main;CI_COMMIT_TIMESTAMP=2026-12-01T10:00:00+01:00"),
            git: null,
            RunLabels.Parse(["branch=release", "team=perf"]));

        Assert.Equal(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero), RunLabels.CommitTime(labels));
        Assert.Equal("release", labels[RunLabels.Branch]);
        Assert.Equal("perf", labels["team"]);
    }

    [Fact]
    public void Outside_CI_nothing_is_guessed()
    {
        Assert.Empty(RunLabels.Collect(Env(""), git: null, new Dictionary<string, string>()));
    }

    [Theory]
    [InlineData("nokey")]
    [InlineData("=value")]
    [InlineData("commit_time=yesterday")]
    public void A_label_that_is_not_key_value_is_refused_naming_it(string pair)
    {
        var refused = Assert.Throws<ArgumentException>(() => RunLabels.Parse([pair]));

        Assert.Contains($"'{pair}'", refused.Message, StringComparison.Ordinal);
    }

    private static Func<string, string?> Env(string variables)
    {
        var map = variables.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(v => v.Split('=', 2)).ToDictionary(v => v[0], v => v[1]);
        return name => map.GetValueOrDefault(name);
    }
}
