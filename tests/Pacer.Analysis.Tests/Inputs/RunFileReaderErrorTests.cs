using Pacer.Analysis.Inputs;

namespace Pacer.Analysis.Tests.Inputs;

public sealed class RunFileReaderErrorTests
{
    private const string Expected =
        "not a file pacer compare reads (expected a Pacer result, a k6 summary or --out json stream, go test -bench output, a BenchmarkDotNet *-report-full.json, or hyperfine --export-json)";

    [Fact]
    public void Read_UnknownJson_SaysWhatIsRead()
    {
        var path = Fixture.Temp("x.json", """{ "name": "left-pad", "version": "1.3.0" }""");

        var error = Assert.Throws<InputFormatException>(() => RunFileReader.Read(path));

        Assert.Equal($"{path}: {Expected}", error.Message);
    }

    [Fact]
    public void Read_PlainText_SaysWhatIsRead()
    {
        var path = Fixture.Temp("notes.txt", "BenchmarkFoo was fast today\n");

        var error = Assert.Throws<InputFormatException>(() => RunFileReader.Read(path));

        Assert.Equal($"{path}: {Expected}", error.Message);
    }

    [Fact]
    public void Read_BrokenUnknownJson_SaysWhatIsReadAndWhereTheJsonBreaks()
    {
        var path = Fixture.Temp("x.json", "{\n  \"name\": \"left-pad\",\n  \"version\": 1.3.0\n}");

        var error = Assert.Throws<InputFormatException>(() => RunFileReader.Read(path));

        Assert.StartsWith($"{path}: {Expected}; it is not valid JSON either: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("(line 3, ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TruncatedHyperfineExport_NamesFormatAndLine()
    {
        var whole = File.ReadAllText(Fixture.Path("hyperfine.json"));
        var path = Fixture.Temp("cut.json", whole[..whole.IndexOf("\"exit_codes\"", StringComparison.Ordinal)]);

        var error = Assert.Throws<InputFormatException>(() => RunFileReader.Read(path));

        Assert.StartsWith($"{path}: broken hyperfine file: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("(line 19, ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_GoLineWithBadNumber_NamesLineAndValue()
    {
        var path = Fixture.Path("go-bench-bad-number.txt");

        var error = Assert.Throws<InputFormatException>(() => RunFileReader.Read(path));

        Assert.Equal($"{path}: line 11: BenchmarkDecode-8: \"39,90\" is not a number (the ns/op column)", error.Message);
    }

    [Fact]
    public void Read_GoLineWithoutUnit_NamesLine()
    {
        var path = Fixture.Temp("bench.txt", "BenchmarkA-8   100   12 ns/op\nBenchmarkA-8   100   12 ns/op   7\n");

        var error = Assert.Throws<InputFormatException>(() => RunFileReader.Read(path));

        Assert.Equal($"{path}: line 2: BenchmarkA-8: \"7\" has no unit after it", error.Message);
    }

    [Fact]
    public void Read_K6StreamWithBrokenLine_NamesLine()
    {
        var lines = File.ReadAllLines(Fixture.Path("k6-points.jsonl"));
        lines[6] = lines[6][..40];
        var path = Fixture.Temp("k6.jsonl", string.Join('\n', lines));

        var error = Assert.Throws<InputFormatException>(() => RunFileReader.Read(path));

        Assert.StartsWith($"{path}: line 7: not valid JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MissingFile_NamesIt()
    {
        var path = Path.Combine(Path.GetTempPath(), "pacer-no-such-file-" + Guid.NewGuid().ToString("N") + ".json");

        var error = Assert.Throws<InputFormatException>(() => RunFileReader.Read(path));

        Assert.Equal($"{path}: no such file", error.Message);
    }
}
