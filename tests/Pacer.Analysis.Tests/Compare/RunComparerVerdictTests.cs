using Pacer.Analysis.Compare;
using Pacer.Analysis.Inputs;
using Pacer.Analysis.Tests.Inputs;

namespace Pacer.Analysis.Tests.Compare;

/// <summary>
/// The verdict, the interval, the p-value and the counts of a row agree with each other (issue 15): no row is "regressed" with a
/// p that is not significant, zero errors a side is equivalent, a benchmark's n is its measurements, and a verdict that rests on
/// the noise floor or on no errors says so.
/// </summary>
public sealed class RunComparerVerdictTests
{
    private static readonly CompareOptions Fast = new() { Resamples = 200 };

    [Fact]
    public void Compare_GoBenchFiveRepetitionsASide_CountsFiveMeasurementsASide()
    {
        var baseline = RunFileReader.Read(Fixture.Temp("old.txt", GoBench(("Encode", 1000, 1.0))));
        var current = RunFileReader.Read(Fixture.Temp("new.txt", GoBench(("Encode", 1000, 1.02))));

        var row = RunComparer.Compare([baseline], [current], Fast).Rows.First(r => r.Metric == "time/op");

        Assert.Equal((5, 5), (row.BaselineRuns, row.CurrentRuns));
    }

    [Fact]
    public void Compare_TwentyPercentShiftAmongManyBenchmarks_NotSignificantAfterHolm_IsNotCalledRegressed()
    {
        // Twelve benchmarks × three units, five repetitions a side: Mann–Whitney's smallest p with 5 + 5 is 2/252 ≈ 0.008,
        // and Holm over 36 rows makes it 0.29. The interval alone lies beyond +5%; the row used to read "~ (p=0.29)" and
        // "regressed" at once.
        var benchmarks = Enumerable.Range(0, 12).Select(i => ($"B{i}", 1000.0 + (37 * i), 1.0)).ToArray();
        var shifted = benchmarks.Select((b, i) => i == 0 ? (b.Item1, b.Item2, 1.2) : b).ToArray();
        var baseline = RunFileReader.Read(Fixture.Temp("old.txt", GoBench(benchmarks)));
        var current = RunFileReader.Read(Fixture.Temp("new.txt", GoBench(shifted)));

        var report = RunComparer.Compare([baseline], [current], Fast);

        var row = report.Rows.Single(r => r.Group == "BenchmarkB0-8" && r.Metric == "time/op");
        Assert.True(row.Lower > row.Threshold, $"the interval [{row.Lower}, {row.Upper}] should lie beyond the threshold");
        Assert.False(row.Significant);
        Assert.Equal(Verdict.Inconclusive, row.Verdict);
        Assert.Equal(VerdictBasis.NotSignificantAfterCorrection, row.Basis);
        Assert.All(report.Rows.Where(r => r.Verdict is Verdict.Regressed or Verdict.Improved), r => Assert.True(r.Significant, $"{r.Group} {r.Metric}"));
    }

    [Fact]
    public void Compare_TwentyPercentShiftInOneBenchmark_SignificantAfterHolm_IsStillRegressed()
    {
        var baseline = RunFileReader.Read(Fixture.Temp("old.txt", GoBench(("Encode", 1000, 1.0))));
        var current = RunFileReader.Read(Fixture.Temp("new.txt", GoBench(("Encode", 1000, 1.2))));

        var row = RunComparer.Compare([baseline], [current], Fast).Rows.Single(r => r.Metric == "time/op");

        Assert.Equal(Verdict.Regressed, row.Verdict);
        Assert.True(row.Significant);
        Assert.Equal(VerdictBasis.Interval, row.Basis);
    }

    [Fact]
    public void Compare_NoErrorsOnEitherSide_FewRequests_IsEquivalent()
    {
        // 400 requests a side: the score interval of 0/400 − 0/400 is about ±0.95 pp, wider than the 0.5 pp gate.
        var report = RunComparer.Compare([ErrorRun(0, 400)], [ErrorRun(0, 400)], Fast);

        var row = report.Rows.Single();
        Assert.True(row.Upper > row.Threshold);
        Assert.Equal(Verdict.Equivalent, row.Verdict);
        Assert.Equal(VerdictBasis.NoErrors, row.Basis);
    }

    [Fact]
    public void Compare_NoErrorsOnEitherSide_IsNotCountedInHolmsFamily()
    {
        // One benchmark row (4 + 4 measurements, raw p = 2/70 ≈ 0.03) beside error-rate rows that had no errors: those are no
        // tests (their p is 1 whatever happened), so they must not multiply the benchmark row's p into "not significant".
        var random = new Simulation.Gaussian(3);
        var (fast, slow) = (random.LogNormal(4, 100, 0.01), random.LogNormal(4, 120, 0.01));
        RunData Bench(IReadOnlyList<double> samples) => new("go.txt", InputFormat.GoBench,
            [new Observation("B", "time/op", "ns", MetricDirection.LowerIsBetter, ObservationKind.Benchmark, samples.Average(), samples)]);
        RunData WithErrors(RunData run) => run with
        {
            Observations = [.. run.Observations, .. Enumerable.Range(0, 5).Select(i =>
                new Observation($"r{i}", "error_rate", "ratio", MetricDirection.LowerIsBetter, ObservationKind.ErrorRate, 0, [], 0, 400))],
        };

        var alone = RunComparer.Compare([Bench(fast)], [Bench(slow)], Fast).Rows.Single();
        var report = RunComparer.Compare([WithErrors(Bench(fast))], [WithErrors(Bench(slow))], Fast);

        var row = report.Rows.Single(r => r.Metric == "time/op");
        Assert.True(alone.PValue is > 0.005 and < 0.05, $"raw p {alone.PValue}: the case needs a p that five more rows would push over 0.05");
        Assert.Equal(alone.PValue, row.AdjustedP);
        Assert.Equal(Verdict.Regressed, row.Verdict);
        Assert.All(report.Rows.Where(r => r.Metric == "error_rate"), r => Assert.Null(r.PValue));
    }

    [Fact]
    public void Compare_OneErrorAgainstNone_FewRequests_StaysInconclusive()
    {
        var row = RunComparer.Compare([ErrorRun(0, 400)], [ErrorRun(1, 400)], Fast).Rows.Single();

        Assert.Equal(Verdict.Inconclusive, row.Verdict);
        Assert.Equal(VerdictBasis.Interval, row.Basis);
    }

    [Fact]
    public void Compare_NoRequestsOnOneSide_HasNoErrorRateRatherThanZero()
    {
        var row = RunComparer.Compare([ErrorRun(0, 0)], [ErrorRun(0, 400)], Fast).Rows.Single();

        Assert.True(double.IsNaN(row.Baseline));
        Assert.Equal(0, row.Current);
        Assert.Equal(Verdict.Inconclusive, row.Verdict);
        Assert.Equal(VerdictBasis.NoInterval, row.Basis);
    }

    [Fact]
    public void Compare_LatencyBelowTheNoiseFloorWithAWideInterval_IsEquivalentByTheFloorAndSaysSo()
    {
        // One run a side, per-second p50 swinging between 0.1 and 0.4 ms: the interval is far wider than ±5%, the whole-run
        // values differ by 0.03 ms, below the 0.05 ms floor.
        double[] baseSeconds = [0.1, 0.4, 0.15, 0.35, 0.1, 0.4, 0.2, 0.3];
        double[] currentSeconds = [0.4, 0.1, 0.35, 0.15, 0.4, 0.1, 0.3, 0.2, 0.4, 0.4];
        var row = RunComparer.Compare([LatencyRun(0.20, baseSeconds)], [LatencyRun(0.23, currentSeconds)], Fast).Rows.Single();

        Assert.True(row.Upper - row.Lower > 2 * row.Threshold, $"interval [{row.Lower}, {row.Upper}] should be wide");
        Assert.Equal(Verdict.Equivalent, row.Verdict);
        Assert.Equal(VerdictBasis.NoiseFloor, row.Basis);
        Assert.Contains(row.Notes, n => n.StartsWith("equivalent by the noise floor", StringComparison.Ordinal));
    }

    [Fact]
    public void Compare_LatencyBelowTheNoiseFloorWithANarrowInterval_IsEquivalentByTheInterval()
    {
        double[] seconds = [0.2, 0.201, 0.199, 0.2, 0.2, 0.201, 0.199, 0.2];
        var row = RunComparer.Compare([LatencyRun(0.20, seconds)], [LatencyRun(0.201, seconds)], Fast).Rows.Single();

        Assert.Equal(Verdict.Equivalent, row.Verdict);
        Assert.Equal(VerdictBasis.Interval, row.Basis);
        Assert.DoesNotContain(row.Notes, n => n.Contains("noise floor", StringComparison.Ordinal));
    }

    private static RunData ErrorRun(long failures, long total) => new("run.json", InputFormat.Pacer,
        [new Observation("all", "error_rate", "ratio", MetricDirection.LowerIsBetter, ObservationKind.ErrorRate, total == 0 ? 0 : (double)failures / total, [], failures, total)]);

    private static RunData LatencyRun(double value, double[] seconds) => new("run.json", InputFormat.Pacer,
        [new Observation("all", "p50", "ms", MetricDirection.LowerIsBetter, ObservationKind.LatencyQuantile, value, [], Intervals: seconds)]);

    /// <summary><c>go test -bench -count 5</c> output: five lines per benchmark, ±1% apart, scaled by each benchmark's factor.</summary>
    private static string GoBench(params (string Name, double Ns, double Scale)[] benchmarks)
    {
        double[] jitter = [-0.01, 0.004, 0.0, -0.006, 0.01];
        var lines = new List<string> { "goos: linux", "goarch: amd64", "pkg: example.com/p" };
        foreach (var j in jitter)
        {
            lines.AddRange(benchmarks.Select(b => FormattableString.Invariant(
                $"Benchmark{b.Name}-8   1000000   {b.Ns * b.Scale * (1 + j):0.0} ns/op   {Math.Round(64 * b.Scale)} B/op   2 allocs/op")));
        }

        lines.Add("PASS");
        return string.Join('\n', lines) + "\n";
    }
}
