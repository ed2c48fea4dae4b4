using Pacer.Analysis.Inputs;

namespace Pacer.History.Tests;

/// <summary>Runs to record, built in the tests.</summary>
internal static class Runs
{
    public static readonly DateTimeOffset Start = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    public static NewRun New(
        string plan = "checkout",
        string? commit = null,
        string? branch = "main",
        DateTimeOffset? commitTime = null,
        DateTimeOffset? recordedAt = null,
        double p95 = 10,
        Dictionary<string, string>? labels = null)
    {
        var all = new Dictionary<string, string>(labels ?? [], StringComparer.Ordinal);
        if (commit is not null)
        {
            all[RunLabels.Commit] = commit;
        }

        if (branch is not null)
        {
            all[RunLabels.Branch] = branch;
        }

        if (commitTime is { } t)
        {
            all[RunLabels.CommitTimeKey] = t.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        }

        return new NewRun(
            recordedAt ?? Start,
            plan,
            "sha256:abc",
            "ci-runner-1",
            nameof(InputFormat.Pacer),
            "result.json",
            all,
            $$"""{"p95": {{p95}}}""",
            [
                new SeriesValue("all", "p95", "ms", MetricDirection.LowerIsBetter, p95, "HISTOGRAM-" + p95),
                new SeriesValue("all", "rps", "req/s", MetricDirection.HigherIsBetter, 1000 - p95, null),
            ]);
    }
}
