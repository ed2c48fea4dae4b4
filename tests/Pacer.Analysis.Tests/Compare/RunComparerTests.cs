using Pacer.Analysis.Compare;
using Pacer.Analysis.Inputs;
using Pacer.Analysis.Tests.Simulation;

namespace Pacer.Analysis.Tests.Compare;

public sealed class RunComparerTests(Xunit.Abstractions.ITestOutputHelper output)
{
    /// <summary>Fewer bootstrap replicates than the command's 2,000: enough for a verdict, and 500 pairs stay quick.</summary>
    private static readonly CompareOptions Fast = new() { Resamples = 200 };

    [Theory]
    [InlineData(MetricDirection.LowerIsBetter, 0.08, 0.20, Verdict.Regressed)]
    [InlineData(MetricDirection.LowerIsBetter, -0.20, -0.08, Verdict.Improved)]
    [InlineData(MetricDirection.LowerIsBetter, -0.03, 0.04, Verdict.Equivalent)]
    [InlineData(MetricDirection.LowerIsBetter, 0.01, 0.09, Verdict.Inconclusive)]
    [InlineData(MetricDirection.HigherIsBetter, -0.20, -0.08, Verdict.Regressed)]
    [InlineData(MetricDirection.HigherIsBetter, 0.08, 0.20, Verdict.Improved)]
    public void Decide_WhereTheIntervalLies_GivesTheVerdict(MetricDirection direction, double lo, double hi, Verdict expected) =>
        Assert.Equal(expected, RunComparer.Decide(direction, lo, hi, 0.05));

    [Fact]
    public void Compare_IdenticalRunsWithBetweenRunNoise_RarelyCallsARegression()
    {
        // 500 A/A pairs, 5 runs a side, each run's latencies scaled by its own 4% noise: a "p95 grew by 5%" rule alarms on a
        // good share of these; the interval-based verdict must stay under 5%.
        var random = new Gaussian(11);
        var regressed = 0;
        var significant = 0;
        for (var pair = 0; pair < 500; pair++)
        {
            var report = RunComparer.Compare(Runs(random, 5, 1.0, 300), Runs(random, 5, 1.0, 300), Fast);
            regressed += report.Rows.Count(r => r.Verdict == Verdict.Regressed);
            significant += report.Rows.Count(r => r.PValue < 0.05);
        }

        output.WriteLine($"{regressed} of 1,000 rows (500 pairs × p50, p95) called regressed, {significant} with p < 0.05");
        Assert.True(regressed < 25, $"{regressed} of 500 identical pairs were called regressed");
        Assert.True(significant <= 70, $"{significant} of 1,000 identical rows had p < 0.05");
    }

    [Fact]
    public void Compare_TrueTwentyPercentP95Shift_IsCalledRegressedNearlyAlways()
    {
        var random = new Gaussian(12);
        var caught = 0;
        for (var pair = 0; pair < 100; pair++)
        {
            var report = RunComparer.Compare(Runs(random, 5, 1.0, 1000), Runs(random, 5, 1.2, 1000), Fast);
            caught += report.Rows.Single(r => r.Metric == "p95").Verdict == Verdict.Regressed ? 1 : 0;
        }

        output.WriteLine($"{caught} of 100 shifted pairs called regressed");
        Assert.True(caught >= 90, $"only {caught} of 100 shifted pairs were called regressed");
    }

    [Fact]
    public void Compare_ErrorRate_UsesAnAbsoluteGate()
    {
        var baseline = new[] { Run(new Observation("all", "error_rate", "ratio", MetricDirection.LowerIsBetter, ObservationKind.ErrorRate, 0.001, [], 10, 10_000)) };
        var doubled = new[] { Run(new Observation("all", "error_rate", "ratio", MetricDirection.LowerIsBetter, ObservationKind.ErrorRate, 0.002, [], 20, 10_000)) };
        var tripled = new[] { Run(new Observation("all", "error_rate", "ratio", MetricDirection.LowerIsBetter, ObservationKind.ErrorRate, 0.03, [], 300, 10_000)) };

        Assert.Equal(Verdict.Equivalent, RunComparer.Compare(baseline, doubled, Fast).Rows.Single().Verdict);
        Assert.Equal(Verdict.Regressed, RunComparer.Compare(baseline, tripled, Fast).Rows.Single().Verdict);
    }

    [Fact]
    public void Compare_ThroughputAcrossRuns_UsesWelchAndHigherIsBetter()
    {
        RunData Rps(double value) => Run(new Observation("all", "rps", "req/s", MetricDirection.HigherIsBetter, ObservationKind.Throughput, value, []));
        var report = RunComparer.Compare([Rps(1000), Rps(1010), Rps(990)], [Rps(800), Rps(805), Rps(795)], Fast);

        var row = report.Rows.Single();
        Assert.Equal(Verdict.Regressed, row.Verdict);
        Assert.Contains("Welch", row.Method, StringComparison.Ordinal);
        Assert.True(report.Regressed);
    }

    [Fact]
    public void Compare_OneRunASideWithoutPerSecondSeries_GivesNoIntervalAndSaysWhy()
    {
        // Requests of one run are not independent: resampling them one by one gave intervals (and p-values) far too sure of
        // themselves. Without a per-second series there is nothing honest to resample.
        var random = new Gaussian(3);
        var report = RunComparer.Compare(Runs(random, 1, 1.0, 300), Runs(random, 1, 1.3, 300), Fast);

        Assert.All(report.Rows, r =>
        {
            Assert.Equal(Verdict.Inconclusive, r.Verdict);
            Assert.Null(r.PValue);
            Assert.Null(r.RunsToSettle);
            Assert.Contains(r.Notes, n => n.Contains("requests of one run are not independent", StringComparison.Ordinal));
        });
    }

    [Fact]
    public void Compare_OneRunASideWithPerSecondSeries_SaysBetweenRunNoiseIsUnknown()
    {
        var random = new Gaussian(4);
        RunData One() => Run(new Observation("all", "p95", "ms", MetricDirection.LowerIsBetter, ObservationKind.LatencyQuantile, 10, random.LogNormal(500, 10, 0.3), Intervals: random.LogNormal(30, 10, 0.05)));

        var row = RunComparer.Compare([One()], [One()], Fast).Rows.Single();

        Assert.Contains(row.Notes, n => n.Contains("between-run noise is unknown", StringComparison.Ordinal));
    }

    [Fact]
    public void Compare_SeveralRunsASide_PValueAgreesWithTheInterval()
    {
        // The p-value used to be Welch's on the runs' quantiles while the interval came from the hierarchical bootstrap: the
        // two could disagree. Both now come from the same resampled ratios.
        var random = new Gaussian(13);
        for (var pair = 0; pair < 100; pair++)
        {
            foreach (var row in RunComparer.Compare(Runs(random, 3, 1.0, 300), Runs(random, 3, 1.0 + (pair % 5 * 0.03), 300), Fast).Rows)
            {
                var excludes = row.Lower > 0 || row.Upper < 0;
                Assert.True(excludes == row.PValue < 0.05, $"{row.Metric}: [{row.Lower:P1}, {row.Upper:P1}] with p = {row.PValue}");
            }
        }
    }

    [Fact]
    public void Compare_OneRunASideWithPerSecondSeries_BootstrapsOverSeconds()
    {
        var random = new Gaussian(8);
        RunData One(double median) => Run(new Observation("all", "p95", "ms", MetricDirection.LowerIsBetter, ObservationKind.LatencyQuantile, median, random.LogNormal(500, median, 0.3), Intervals: random.LogNormal(30, median, 0.05)));

        var row = RunComparer.Compare([One(10)], [One(15)], Fast).Rows.Single();

        Assert.Equal("block bootstrap over per-second intervals of one run a side", row.Method);
        Assert.Equal(Verdict.Regressed, row.Verdict);
        Assert.InRange(row.Change, 0.4, 0.6);
    }

    [Fact]
    public void Compare_OneRunASideWithPerSecondSeries_NamesTheFiguresItsChangeIsOf()
    {
        // The change is that of the per-second quantile's geometric mean, not of the whole-run values shown beside it: the row
        // must carry those figures, and they must give the change shown.
        var row = RunComparer.Compare(
            [Run(new Observation("all", "p99", "ms", MetricDirection.LowerIsBetter, ObservationKind.LatencyQuantile, 40, [], Intervals: [1, 4, 16, 1, 4, 16]))],
            [Run(new Observation("all", "p99", "ms", MetricDirection.LowerIsBetter, ObservationKind.LatencyQuantile, 40, [], Intervals: [2, 8, 32, 2, 8, 32]))],
            Fast).Rows.Single();

        var note = Assert.Single(row.Notes, n => n.StartsWith("change and interval are of the per-second p99's geometric mean", StringComparison.Ordinal));
        Assert.Contains("(4 → 8 ms over 6 and 6 s)", note, StringComparison.Ordinal);
        Assert.Equal(1.0, row.Change, 6);
    }

    [Fact]
    public void Compare_RowsOnOneSideOnly_AreWarnedAbout()
    {
        RunData Only(string group) => Run(new Observation(group, "p95", "ms", MetricDirection.LowerIsBetter, ObservationKind.LatencyQuantile, 1, [1, 2, 3]));

        var report = RunComparer.Compare([Only("a")], [Only("b")], Fast);

        Assert.Empty(report.Rows);
        Assert.Equal(["a p95: only in the baseline", "b p95: only in the current runs"], report.Warnings);
    }

    [Fact]
    public void Compare_Benchmarks_UseRanksAndGiveAGeomeanPerMetric()
    {
        var random = new Gaussian(5);
        RunData Bench(double scale) => new("go.txt", InputFormat.GoBench,
        [
            new Observation("BenchmarkA-8", "time/op", "ns", MetricDirection.LowerIsBetter, ObservationKind.Benchmark, 100 * scale, random.LogNormal(10, 100 * scale, 0.02)),
            new Observation("BenchmarkB-8", "time/op", "ns", MetricDirection.LowerIsBetter, ObservationKind.Benchmark, 200 * scale, random.LogNormal(10, 200 * scale, 0.02)),
        ]);

        var report = RunComparer.Compare([Bench(1)], [Bench(1.3)], Fast);

        Assert.All(report.Rows, r => Assert.Equal(Verdict.Regressed, r.Verdict));
        Assert.InRange(report.Geomeans["time/op"], 1.25, 1.35);
        Assert.Contains("Mann–Whitney", report.Rows[0].Method, StringComparison.Ordinal);
    }

    /// <summary><paramref name="count"/> runs of one service: <paramref name="size"/> log-normal latencies each, scaled by 4% run-to-run noise and <paramref name="shift"/>.</summary>
    private static RunData[] Runs(Gaussian random, int count, double shift, int size) =>
    [
        .. Enumerable.Range(0, count).Select(_ =>
        {
            var runFactor = shift * Math.Exp(0.04 * random.Next());
            var samples = random.LogNormal(size, 10 * runFactor, 0.3);
            var sorted = samples.Order().ToArray();
            return Run(
                new Observation("all", "p50", "ms", MetricDirection.LowerIsBetter, ObservationKind.LatencyQuantile, sorted[(size / 2) - 1], samples),
                new Observation("all", "p95", "ms", MetricDirection.LowerIsBetter, ObservationKind.LatencyQuantile, sorted[(size * 95 / 100) - 1], samples));
        }),
    ];

    private static RunData Run(params Observation[] observations) => new("run.json", InputFormat.Pacer, observations);
}
