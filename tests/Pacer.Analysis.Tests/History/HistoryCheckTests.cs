using Pacer.Analysis.History;
using Pacer.Analysis.Inputs;
using Pacer.Analysis.Statistics;

namespace Pacer.Analysis.Tests.History;

public sealed class HistoryCheckTests
{
    private static readonly HistoryCheckOptions Defaults = new();

    [Fact]
    public void ThirtyRuns_SlowdownFromRunTwenty_NamesRunTwentyAndFails()
    {
        // The end-to-end case over numbers: 30 runs, 3% noise, 25% slower from run 20 (index 19).
        var series = SyntheticHistory.Series(SyntheticHistory.Values(30, 0.03, 0.25, stepAt: 19, seed: 20));

        var report = HistoryCheck.Run([series], Defaults);

        var change = Assert.Single(report.ChangePoints);
        Assert.Equal(20, change.Run.Id);
        Assert.Equal("c020", change.Run.Commit);
        Assert.Equal(19, change.Index);
        Assert.Equal(ChangeDirection.Regression, change.Direction);
        Assert.InRange(change.Relative!.Estimate, 1.20, 1.30);
        Assert.True(change.Relative.Lower < 1.25 && change.Relative.Upper > 1.25, $"interval {change.Relative} misses the true 25%");
        Assert.True(change.PValue <= 0.001, $"p = {change.PValue}");
        Assert.True(report.Failed);
        Assert.Same(change, Assert.Single(report.Failing));
    }

    [Fact]
    public void FlatNoisySeries_FalseAlarmsBelowOnePercentPerSeries()
    {
        // 500 seeded flat series of 30 runs with 5% noise, each checked on its own as `history check` does for one series.
        var alarms = 0;
        for (var seed = 1; seed <= 500; seed++)
        {
            var series = SyntheticHistory.Series(SyntheticHistory.Values(30, 0.05, 0, 0, (ulong)seed));
            alarms += HistoryCheck.Run([series], Defaults).ChangePoints.Count > 0 ? 1 : 0;
        }

        Assert.True(alarms < 5, $"{alarms} of 500 flat series had a change point");
    }

    [Fact]
    public void ExpectedMark_SuppressesTheVerdictButKeepsTheChangeListed()
    {
        var series = SyntheticHistory.Series(SyntheticHistory.Values(30, 0.03, 0.25, stepAt: 19, seed: 20));

        var report = HistoryCheck.Run([series], Defaults with { Expected = [new ExpectedChange(series.Key, 20)] });

        Assert.False(report.Failed);
        Assert.True(Assert.Single(report.ChangePoints).Expected);
    }

    [Fact]
    public void Improvement_AndRegressionBelowThreshold_DoNotFail()
    {
        var faster = SyntheticHistory.Series(SyntheticHistory.Values(30, 0.02, -0.2, stepAt: 19, seed: 3));
        var slightlySlower = SyntheticHistory.Series(SyntheticHistory.Values(30, 0.01, 0.06, stepAt: 19, seed: 4), metric: "p50");

        var report = HistoryCheck.Run([faster, slightlySlower], Defaults);

        Assert.Equal(ChangeDirection.Improvement, Assert.Single(report.Series[0].ChangePoints).Direction);
        Assert.Equal(ChangeDirection.Regression, Assert.Single(report.Series[1].ChangePoints).Direction);
        Assert.False(report.Failed);
        Assert.True(HistoryCheck.Run([slightlySlower], Defaults with { Threshold = 0.05 }).Failed);
    }

    [Fact]
    public void Throughput_DownIsTheRegression()
    {
        var rps = SyntheticHistory.Series(SyntheticHistory.Values(30, 0.02, -0.3, stepAt: 15, seed: 5), metric: "rps", direction: MetricDirection.HigherIsBetter);

        var report = HistoryCheck.Run([rps], Defaults);

        Assert.Equal(ChangeDirection.Regression, Assert.Single(report.ChangePoints).Direction);
        Assert.True(report.Failed);
    }

    [Fact]
    public void OnlyTheNewestChangePointIsJudged()
    {
        // Slower at run 11, fixed at run 21: the newest change is an improvement, so the history passes.
        var values = SyntheticHistory.Values(30, 0.02, 0, 0, seed: 6).Select((v, i) => i is >= 10 and < 20 ? v * 1.3 : v).ToArray();

        var report = HistoryCheck.Run([SyntheticHistory.Series(values)], Defaults);

        Assert.Equal([11L, 21L], report.ChangePoints.Select(c => c.Run.Id));
        Assert.Equal([ChangeDirection.Regression, ChangeDirection.Improvement], report.ChangePoints.Select(c => c.Direction));
        Assert.False(report.Failed);
    }

    [Fact]
    public void MetricsOfOnePlanMovingAtOneRun_NameEachOther()
    {
        var p95 = SyntheticHistory.Series(SyntheticHistory.Values(30, 0.02, 0.3, stepAt: 19, seed: 7), metric: "p95");
        var rps = SyntheticHistory.Series(SyntheticHistory.Values(30, 0.02, -0.2, stepAt: 19, seed: 8), metric: "rps", direction: MetricDirection.HigherIsBetter);
        var other = SyntheticHistory.Series(SyntheticHistory.Values(30, 0.02, 0.3, stepAt: 19, seed: 9), plan: "search");

        var report = HistoryCheck.Run([p95, rps, other], Defaults);

        Assert.Equal([rps.Key], Assert.Single(report.Series[0].ChangePoints).MovedWith);
        Assert.Equal([p95.Key], Assert.Single(report.Series[1].ChangePoints).MovedWith);
        Assert.Empty(Assert.Single(report.Series[2].ChangePoints).MovedWith);
    }

    [Fact]
    public void Since_ReportsOnlyLaterChanges()
    {
        var values = SyntheticHistory.Values(40, 0.02, 0, 0, seed: 10).Select((v, i) => i >= 10 ? v * 1.3 : v).Select((v, i) => i >= 30 ? v * 1.3 : v).ToArray();
        var series = SyntheticHistory.Series(values);

        var all = HistoryCheck.Run([series], Defaults);
        var recent = HistoryCheck.Run([series], Defaults with { Since = SyntheticHistory.Start.AddDays(20) });

        Assert.Equal([11L, 31L], all.ChangePoints.Select(c => c.Run.Id));
        Assert.Equal([31L], recent.ChangePoints.Select(c => c.Run.Id));
    }

    [Fact]
    public void SameSeriesAndOptions_SameReport()
    {
        var series = SyntheticHistory.Series(SyntheticHistory.Values(40, 0.05, 0.08, stepAt: 25, seed: 11));

        var first = HistoryCheck.Run([series], Defaults);
        var second = HistoryCheck.Run([series], Defaults);

        Assert.Equal(first.ChangePoints.Select(c => (c.Index, c.PValue)), second.ChangePoints.Select(c => (c.Index, c.PValue)));
    }

    [Fact]
    public void TTestVariant_FindsTheStepToo()
    {
        var series = SyntheticHistory.Series(SyntheticHistory.Values(30, 0.03, 0.25, stepAt: 19, seed: 20));

        var change = Assert.Single(HistoryCheck.Run([series], Defaults with { Test = SignificanceTest.TTest }).ChangePoints);

        Assert.Equal(20, change.Run.Id);
        Assert.True(change.PValue < 1e-6, $"p = {change.PValue}");
    }

    [Fact]
    public void ChangeWithinTheNoiseOfRepeatedRuns_IsNotReported()
    {
        // Each commit measured 3 times with 8% run-to-run noise; a 6% step after 53 commits is significant over 240 runs (the
        // same values without commits show it) but smaller than what the same code varies by, so it is not reported. A 25% step is.
        string Commit(int i) => $"c{i / 3:D3}";
        var small = SyntheticHistory.Series(SyntheticHistory.Values(240, 0.08, 0.06, stepAt: 159, seed: 12), commit: Commit);
        var large = SyntheticHistory.Series(SyntheticHistory.Values(240, 0.08, 0.25, stepAt: 159, seed: 13), metric: "p99", commit: Commit);
        var noFloor = SyntheticHistory.Series(SyntheticHistory.Values(240, 0.08, 0.06, stepAt: 159, seed: 12), metric: "p50");

        // One window over all 240 runs: a step of 0.75 noise needs the whole history's power to be significant (in windows of
        // 60 it is not — the price of windowing, docs/history.md), and the point here is the floor, not the window.
        var report = HistoryCheck.Run([small, large, noFloor], Defaults with { Window = 240 });

        Assert.InRange(report.Series[0].NoiseFloor!.Value, 0.065, 0.095);
        Assert.Empty(report.Series[0].ChangePoints);
        Assert.Equal(159, Assert.Single(report.Series[1].ChangePoints).Index);
        Assert.Null(report.Series[2].NoiseFloor);
        Assert.InRange(Assert.Single(report.Series[2].ChangePoints).Index, 153, 165);
    }

    [Fact]
    public void RepeatedRunsOfOneCommit_AreNeverSplit()
    {
        // The step starts mid-commit (index 31 of commit c010 = indices 30–32): the change can only begin with a new commit.
        string Commit(int i) => $"c{i / 3:D3}";
        var series = SyntheticHistory.Series(SyntheticHistory.Values(60, 0.01, 0.3, stepAt: 31, seed: 13), commit: Commit);

        var change = Assert.Single(HistoryCheck.Run([series], Defaults).ChangePoints);

        Assert.True(change.Index is 30 or 33, $"split at {change.Index}");
    }

    [Fact]
    public void ManyFlatSeriesAndOneStep_OnlyTheStepIsReported()
    {
        var series = Enumerable.Range(1, 40)
            .Select(i => SyntheticHistory.Series(SyntheticHistory.Values(30, 0.05, 0, 0, (ulong)(100 + i)), metric: $"m{i}"))
            .Append(SyntheticHistory.Series(SyntheticHistory.Values(30, 0.05, 0.2, stepAt: 20, seed: 99), metric: "stepped"))
            .ToList();

        var report = HistoryCheck.Run(series, Defaults);

        var change = Assert.Single(report.ChangePoints);
        Assert.Equal("stepped", change.Key.Metric);
        Assert.Equal(20, change.Index);
        Assert.True(change.QValue >= change.PValue);
    }

    [Fact]
    public void ErrorsAppearingFromZero_HaveNoRatioAndFail()
    {
        var values = Enumerable.Range(0, 30).Select(i => i >= 24 ? 0.05 + (0.001 * (i % 3)) : 0).ToArray();
        var series = SyntheticHistory.Series(values, metric: "error_rate");

        var report = HistoryCheck.Run([series], Defaults);

        var change = Assert.Single(report.ChangePoints);
        Assert.Equal(24, change.Index);
        Assert.Null(change.Relative);
        Assert.True(change.Shift.Estimate > 0.04);
        Assert.True(report.Failed);
    }

    [Fact]
    public void ValueNotFinite_IsReportedAndLeftOut()
    {
        var values = SyntheticHistory.Values(30, 0.03, 0.25, stepAt: 19, seed: 20);
        values[5] = double.NaN;

        var report = HistoryCheck.Run([SyntheticHistory.Series(values)], Defaults);

        Assert.Contains("run 6", Assert.Single(report.Problems), StringComparison.Ordinal);
        Assert.Equal(29, report.Series[0].Points);
        Assert.Equal(20, Assert.Single(report.ChangePoints).Run.Id);
    }

    [Theory]
    [InlineData(-0.1, 0.01, 3)]
    [InlineData(0.1, 0, 3)]
    [InlineData(0.1, 1, 3)]
    [InlineData(0.1, 0.01, 1)]
    public void OptionsOutOfRange_AreRefused(double threshold, double rate, int segment)
    {
        var options = new HistoryCheckOptions { Threshold = threshold, FalseDiscoveryRate = rate, MinimumSegment = segment };

        Assert.Throws<ArgumentOutOfRangeException>(() => HistoryCheck.Run([], options));
    }
}
