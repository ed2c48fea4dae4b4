using System.Globalization;
using Pacer.Analysis.History;
using Pacer.Analysis.Inputs;
using Pacer.Analysis.Statistics;

namespace Pacer.Analysis.Tests.History;

/// <summary>
/// A check with a <see cref="HistoryCheckCache"/> (what <c>history check</c> keeps in the store) must give exactly the report a
/// check from scratch gives — same change points, same p- and q-values, same seeds — while recomputing only what appended runs
/// can change. Small windows (30 runs) make 90 runs span several of them.
/// </summary>
public sealed class IncrementalCheckTests
{
    private static readonly HistoryCheckOptions Options = new() { Window = 30 };

    [Fact]
    public void RandomAppends_CachedCheckEqualsFullCheck_AndReusesTheClosedWindows()
    {
        var random = new SplitMix64(2026);
        var all = Histories(90, seed: 11);
        var cache = new HistoryCheckCache();
        var length = 10;
        var reusedAtEnd = 0;
        var computedAtEnd = 0;
        var changePointsSeen = 0;
        while (length < 90)
        {
            // Runs arrive one to three at a time, as CI jobs record them.
            length = Math.Min(90, length + 1 + random.Below(4));
            var series = Prefix(all, length);

            var full = HistoryCheck.Run(series, Options);
            cache = new HistoryCheckCache(cache.Used);
            var incremental = HistoryCheck.Run(series, Options, cache);

            Assert.Equal(Describe(full), Describe(incremental));
            changePointsSeen += full.ChangePoints.Count;
            reusedAtEnd = cache.Reused;
            computedAtEnd = cache.Computed;
        }

        Assert.True(changePointsSeen > 0, "no check found a change point: the comparison would not cover the permutations' refinement");

        // At 90 runs most windows end well before the newest run: they must come from the cache, not be searched again.
        Assert.True(reusedAtEnd > computedAtEnd, $"reused {reusedAtEnd}, computed {computedAtEnd}");
    }

    [Fact]
    public void PrunedRun_ChangedOptions_DamagedEntry_StillEqualFullCheck()
    {
        var series = Prefix(Histories(90, seed: 5), 90);
        var cache = new HistoryCheckCache();
        HistoryCheck.Run(series, Options, cache);

        // A run pruned late in the history shifts every window after it: nothing there may be taken from the cache.
        var pruned = series.Select(s => s with { Points = [.. s.Points.Where(p => p.Run.Id != 80)] }).ToList();
        var afterPrune = new HistoryCheckCache(cache.Used);
        Assert.Equal(Describe(HistoryCheck.Run(pruned, Options)), Describe(HistoryCheck.Run(pruned, Options, afterPrune)));
        Assert.True(afterPrune.Reused > 0, "the windows before the pruned run are unchanged and should be reused");

        // Other options (here the seed) read nothing of the old entries.
        var reseeded = new HistoryCheckCache(cache.Used);
        Assert.Equal(Describe(HistoryCheck.Run(series, Options with { Seed = 2 })), Describe(HistoryCheck.Run(series, Options with { Seed = 2 }, reseeded)));
        Assert.Equal(0, reseeded.Reused);

        // A damaged entry is recomputed, never trusted.
        var damaged = new HistoryCheckCache(cache.Used.Select(e => e with { Value = "not a result" }));
        Assert.Equal(Describe(HistoryCheck.Run(series, Options)), Describe(HistoryCheck.Run(series, Options, damaged)));
        Assert.Equal(0, damaged.Reused);

        // Expected marks only judge: the cached search serves them, and the verdict follows the marks.
        var change = HistoryCheck.Run(series, Options).ChangePoints.First(c => c.Kind == ChangeKind.Level);
        var marked = Options with { Expected = [new ExpectedChange(change.Key, change.Run.Id)] };
        Assert.Equal(Describe(HistoryCheck.Run(series, marked)), Describe(HistoryCheck.Run(series, marked, new HistoryCheckCache(cache.Used))));
    }

    [Fact]
    public void LongHistory_StepLateInIt_FoundInItsWindowWhereItBegan()
    {
        // 300 runs, 20% slower from index 250: found by the windows that reach it (the default window is 60).
        var series = SyntheticHistory.Series(SyntheticHistory.Values(300, 0.03, 0.20, stepAt: 250, seed: 9));

        var report = HistoryCheck.Run([series], new HistoryCheckOptions());

        Assert.Equal(250, Assert.Single(report.ChangePoints).Index);
    }

    [Fact]
    public void WindowSmallerThanFourMinimumSegments_IsRejected()
    {
        var series = SyntheticHistory.Series(SyntheticHistory.Values(30, 0.03, 0, 0, seed: 1));

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => HistoryCheck.Run([series], new HistoryCheckOptions { Window = 11 }));

        Assert.Contains("4 × the minimum segment", e.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// Four series of one plan: a step up at 22, a step down at 45 then back at 70, flat, and a latency series carrying
    /// histograms whose tail fattens from 60 (so a shape series is checked too). Two runs share each commit now and then, so the
    /// noise floors and the unsplittable positions are exercised.
    /// </summary>
    private static List<HistorySeries> Histories(int count, ulong seed)
    {
        static string? Commit(int i) => i % 7 == 3 ? $"c{i - 1:D3}" : $"c{i:D3}";
        var up = SyntheticHistory.Values(count, 0.02, 0.15, 22, seed);
        var dip = SyntheticHistory.Values(count, 0.02, 0, 0, seed + 1).Select((v, i) => i is >= 45 and < 70 ? v * 0.8 : v).ToArray();
        var flat = SyntheticHistory.Values(count, 0.05, 0, 0, seed + 2);
        var random = new SplitMix64(seed + 3);
        var histograms = Enumerable.Range(0, count).Select(i => SyntheticHistory.Histogram(10, i >= 60 ? 2.0 : 1.0, 300, random).Encode()).ToArray();
        var latency = SyntheticHistory.Series(SyntheticHistory.Values(count, 0.02, 0, 0, seed + 4), "p99", group: "GET /", commit: Commit);
        return
        [
            SyntheticHistory.Series(up, "p95", commit: Commit),
            SyntheticHistory.Series(dip, "throughput", direction: MetricDirection.HigherIsBetter, commit: Commit),
            SyntheticHistory.Series(flat, "p50", commit: Commit),
            latency with { Points = [.. latency.Points.Select((p, i) => p with { Distribution = histograms[i] })] },
        ];
    }

    private static List<HistorySeries> Prefix(List<HistorySeries> all, int length) =>
        [.. all.Select(s => s with { Points = [.. s.Points.Take(length)] })];

    /// <summary>Everything a report says, p- and q-values to the bit.</summary>
    private static string Describe(HistoryCheckReport report) => string.Join('\n', report.ChangePoints.Select(c => string.Create(
        CultureInfo.InvariantCulture,
        $"{c.Kind} {c.Key} #{c.Run.Id} @{c.Index} {c.Measure} {c.Before:R}->{c.After:R} p={c.PValue:R} q={c.QValue:R} {c.Shift.Estimate:R} {c.Direction} {c.Expected} [{string.Join(",", c.MovedWith)}]"))
        .Append($"failed={report.Failed} failing={report.Failing.Count} series={report.Series.Count} problems={report.Problems.Count}"));
}
