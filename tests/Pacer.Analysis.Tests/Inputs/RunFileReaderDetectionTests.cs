using Pacer.Analysis.Inputs;

namespace Pacer.Analysis.Tests.Inputs;

public sealed class RunFileReaderDetectionTests
{
    [Theory]
    [InlineData("pacer-run.json", InputFormat.Pacer)]
    [InlineData("k6-summary-export.json", InputFormat.K6Summary)]
    [InlineData("k6-handle-summary.json", InputFormat.K6Summary)]
    [InlineData("k6-points.jsonl", InputFormat.K6Points)]
    [InlineData("go-bench.txt", InputFormat.GoBench)]
    [InlineData("bdn-report-full.json", InputFormat.BenchmarkDotNet)]
    [InlineData("hyperfine.json", InputFormat.Hyperfine)]
    public void Detect_FixtureContent_RecognisesFormat(string name, InputFormat expected)
    {
        var path = Fixture.Path(name);

        Assert.Equal(expected, RunFileReader.Detect(path, File.ReadAllText(path)));
    }

    [Fact]
    public void Read_TxtFileHoldingHyperfineJson_ReadsAsHyperfine() =>
        Assert.Equal(InputFormat.Hyperfine, Fixture.Read("hyperfine-saved-as.txt").Format);

    [Fact]
    public void Read_JsonFileHoldingGoText_ReadsAsGoBench() =>
        Assert.Equal(InputFormat.GoBench, Fixture.Read("go-bench-saved-as.json").Format);

    [Fact]
    public void Read_ForcedFormat_SkipsDetection()
    {
        var error = Assert.Throws<InputFormatException>(() => RunFileReader.Read(Fixture.Path("hyperfine.json"), InputFormat.Pacer));

        Assert.Contains("not a Pacer result file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Detect_SingleLineK6Stream_IsK6Points()
    {
        const string line = """{"type":"Point","metric":"http_req_duration","data":{"time":"2025-03-04T10:00:00Z","value":1.5,"tags":null}}""";

        Assert.Equal(InputFormat.K6Points, RunFileReader.Detect("one.json", line));
    }

    [Fact]
    public void Detect_TruncatedPacerResult_IsPacer() =>
        Assert.Equal(InputFormat.Pacer, RunFileReader.Detect("cut.json", "{\n  \"schema\": \"pacer.run/v1\",\n  \"run_id\": \"ab"));
}
