using Pacer.Analysis.Inputs;

namespace Pacer.Analysis.Tests.Inputs;

public sealed class BenchmarkDotNetReaderTests
{
    private static readonly RunData Run = Fixture.Read("bdn-report-full.json");

    [Fact]
    public void Read_Report_TimePerOperationFromResultMeasurements()
    {
        var time = Run.Get("Pacer.Benchmarks.ParserBenchmarks.ParseLine", "time/op");

        // Only the four Workload/Result iterations count (nanoseconds / 1,048,576 operations), not pilot, warmup or overhead.
        Assert.Equal([100.5, 101.25, 99.75, 100.0], time.Samples);
        Assert.Equal(100.375, time.Value);
        Assert.Equal(("ns", MetricDirection.LowerIsBetter, ObservationKind.Benchmark), (time.Unit, time.Direction, time.Kind));
    }

    [Fact]
    public void Read_Report_BytesPerOperationFromMemoryDiagnoser()
    {
        var bytes = Run.Get("Pacer.Benchmarks.ParserBenchmarks.ParseLine", "B/op");

        Assert.Equal(("B", 96.0), (bytes.Unit, bytes.Value));
        Assert.Equal([96.0], bytes.Samples);
    }

    [Fact]
    public void Read_NoMeasurements_UsesOriginalValuesAndNoMemory()
    {
        const string name = "Pacer.Benchmarks.ParserBenchmarks.ParseDocument(Lines: 100)";

        Assert.Equal([2048.5, 2051.25, 2049.0], Run.Get(name, "time/op").Samples);
        Assert.DoesNotContain(Run.Observations, o => o.Group == name && o.Metric == "B/op");
    }

    [Fact]
    public void Read_SameFullNameUnderTwoJobs_GroupsNameTheJob()
    {
        const string benchmark = """{"DisplayInfo":"T.M: {0}","FullName":"N.T.M","Statistics":{"OriginalValues":[1.5,2.5]}}""";
        var path = Fixture.Temp("jobs.json", "{\"Benchmarks\":[" + benchmark.Replace("{0}", ".NET 8.0", StringComparison.Ordinal) + ","
            + benchmark.Replace("{0}", ".NET 10.0", StringComparison.Ordinal) + "]}");

        var run = RunFileReader.Read(path);

        Assert.Equal(["N.T.M", "N.T.M [.NET 10.0]"], run.Observations.Select(o => o.Group));
    }
}
