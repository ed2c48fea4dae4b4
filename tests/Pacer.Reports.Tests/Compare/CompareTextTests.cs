using Pacer.Analysis.Compare;
using Pacer.Analysis.Inputs;
using Pacer.Reports.Compare;

namespace Pacer.Reports.Tests.Compare;

public sealed class CompareTextTests
{
    private static ComparisonRow Row(string group, string metric, params string[] notes) =>
        new(group, metric, "ms", MetricDirection.LowerIsBetter, 1, 1, 0, -0.1, 0.1, 0.5, 0.5, 1, 1, 0.05, Verdict.Inconclusive, "test", null, notes);

    [Fact]
    public void Notes_SameCaveatOnSeveralRows_IsOneLineNamingThem()
    {
        var report = new ComparisonReport(
            ["a.json"],
            ["b.json"],
            [Row("all", "p50", "one run a side"), Row("all", "p99", "one run a side", "bimodal"), Row("login", "p95", "one run a side")],
            new Dictionary<string, double>(),
            ["rps only in baseline"]);

        var notes = CompareText.Notes(report);

        Assert.Equal(["one run a side (all p50, all p99, login p95)", "all p99: bimodal", "rps only in baseline"], notes);
    }
}
