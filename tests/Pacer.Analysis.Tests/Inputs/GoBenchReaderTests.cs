using Pacer.Analysis.Inputs;

namespace Pacer.Analysis.Tests.Inputs;

public sealed class GoBenchReaderTests
{
    private static readonly RunData Run = Fixture.Read("go-bench.txt");

    [Fact]
    public void Read_Bench_OneObservationPerBenchmarkAndUnit()
    {
        Assert.Equal(
            [
                "BenchmarkEncode/small-8 time/op", "BenchmarkEncode/small-8 MB/s", "BenchmarkEncode/small-8 B/op", "BenchmarkEncode/small-8 allocs/op",
                "BenchmarkDecode-8 time/op", "BenchmarkDecode-8 frames/op", "BenchmarkDecode-8 B/op", "BenchmarkDecode-8 allocs/op",
                "BenchmarkHash-8 time/op", "BenchmarkHash-8 items/s",
            ],
            Run.Observations.Select(o => $"{o.Group} {o.Metric}"));
        Assert.All(Run.Observations, o => Assert.Equal(ObservationKind.Benchmark, o.Kind));
    }

    [Fact]
    public void Read_Bench_TimeIsNsWithEveryRepetitionAsSample()
    {
        var time = Run.Get("BenchmarkEncode/small-8", "time/op");

        Assert.Equal(("ns", MetricDirection.LowerIsBetter), (time.Unit, time.Direction));
        Assert.Equal([1052.0, 1048.0, 1061.0], time.Samples);
        Assert.Equal((1052.0 + 1048.0 + 1061.0) / 3, time.Value);
    }

    [Fact]
    public void Read_Bench_ChatterBetweenRepetitionsIsSkipped() =>
        Assert.Equal([4012.0, 3990.0, 4030.0], Run.Get("BenchmarkDecode-8", "time/op").Samples);

    [Fact]
    public void Read_Bench_UnitsAndDirections()
    {
        Assert.Equal(("B", MetricDirection.LowerIsBetter, 2048.0), Describe(Run.Get("BenchmarkDecode-8", "B/op")));
        Assert.Equal(("allocs", MetricDirection.LowerIsBetter, 12.0), Describe(Run.Get("BenchmarkDecode-8", "allocs/op")));
        Assert.Equal(("frames", MetricDirection.LowerIsBetter, 17.0), Describe(Run.Get("BenchmarkDecode-8", "frames/op")));
        Assert.Equal(("MB/s", MetricDirection.HigherIsBetter, (121.66 + 122.13 + 120.64) / 3), Describe(Run.Get("BenchmarkEncode/small-8", "MB/s")));
        Assert.Equal(("items/s", MetricDirection.HigherIsBetter, (40650.0 + 40984.0) / 2), Describe(Run.Get("BenchmarkHash-8", "items/s")));
    }

    [Fact]
    public void Read_SameNameInTwoPackages_GroupsArePackageQualified()
    {
        var path = Fixture.Temp("two.txt", "pkg: a\nBenchmarkX-4  10  5 ns/op\npkg: b\nBenchmarkX-4  10  7 ns/op\nBenchmarkY-4  10  9 ns/op\n");

        var run = RunFileReader.Read(path);

        Assert.Equal(["a.BenchmarkX-4", "b.BenchmarkX-4", "BenchmarkY-4"], run.Observations.Select(o => o.Group));
    }

    private static (string, MetricDirection, double) Describe(Observation o) => (o.Unit, o.Direction, o.Value);
}
