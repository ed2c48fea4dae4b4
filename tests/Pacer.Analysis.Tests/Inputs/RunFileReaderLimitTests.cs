using Pacer.Analysis.Inputs;
using Pacer.Core.Results;

namespace Pacer.Analysis.Tests.Inputs;

/// <summary>
/// Inputs of <c>pacer compare</c> in other tools' JSON formats are bounded (issue 13, class 3): above 64 MB, or
/// not a regular file, they are refused naming the file, before being read — except the line formats (k6 <c>--out json</c>,
/// <c>go test -bench</c>), which are read a line at a time and so need no bound on the file.
/// </summary>
public sealed class RunFileReaderLimitTests
{
    [Theory]
    [InlineData("k6-summary-export.json")]
    [InlineData("bdn-report-full.json")]
    [InlineData("hyperfine.json")]
    public void Read_OtherToolsFileAboveTheLimit_RefusedNamingFileSizeAndLimit(string fixture)
    {
        // A real file of the format, padded sparse past the limit: no disk or memory is spent making it.
        var path = Fixture.Temp(fixture, File.ReadAllText(Fixture.Path(fixture)));
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Write))
        {
            stream.SetLength(RunFileReader.MaxDocumentBytes + 1024 * 1024);
        }

        var error = Assert.Throws<InputFormatException>(() => RunFileReader.Read(path));

        Assert.Equal($"{path}: 65 MB is larger than the 64 MB an input of pacer compare may be (each is read whole, in memory; see docs/limits.md)", error.Message);
    }

    [Fact]
    public void Read_PacerResultAboveTheLimit_RefusedInTheWordsOfPacerReport()
    {
        var path = Fixture.Temp("run.json", File.ReadAllText(Fixture.Path("pacer-run.json")));
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Write))
        {
            stream.SetLength(ResultFile.MaxFileBytes + 1024 * 1024);
        }

        var error = Assert.Throws<InputFormatException>(() => RunFileReader.Read(path));

        Assert.StartsWith($"{path}: 1025 MB is larger than the 1024 MB a result file may be", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_PacerResultAboveTheOtherToolsLimit_IsReadAsAStream()
    {
        // A valid result padded with whitespace past the 64 MB other tools' documents may be: it used to be refused (a result
        // was read whole, bounded at 64 MB); read as a stream, it compares like the small file it holds.
        var text = File.ReadAllText(Fixture.Path("pacer-run.json"));
        var path = Fixture.Temp("run.json", "");
        using (var writer = new StreamWriter(path))
        {
            writer.Write(text.TrimEnd()[..^1]);
            var blank = new string(' ', 1023) + "\n";
            for (long written = 0; written <= RunFileReader.MaxDocumentBytes; written += blank.Length)
            {
                writer.Write(blank);
            }

            writer.Write('}');
        }

        var run = RunFileReader.Read(path);

        Assert.Equal(InputFormat.Pacer, run.Format);
        Assert.Equal(RunFileReader.Read(Fixture.Path("pacer-run.json")).Observations.Count, run.Observations.Count);
    }

    [Fact]
    public void Read_OtherToolsFileAtTheLimit_IsRead()
    {
        // Go's output ends at its last benchmark line; padding lines of spaces up to exactly the limit are blank lines to it.
        var text = File.ReadAllText(Fixture.Path("go-bench.txt"));
        var padding = new string(' ', 1023) + "\n";
        var builder = new System.Text.StringBuilder(text, (int)RunFileReader.MaxDocumentBytes);
        while (builder.Length + padding.Length <= RunFileReader.MaxDocumentBytes)
        {
            builder.Append(padding);
        }

        builder.Append(' ', (int)(RunFileReader.MaxDocumentBytes - builder.Length));
        var path = Fixture.Temp("go-bench.txt", builder.ToString());
        Assert.Equal(RunFileReader.MaxDocumentBytes, new FileInfo(path).Length);

        var run = RunFileReader.Read(path);

        Assert.Equal(InputFormat.GoBench, run.Format);
        Assert.NotEmpty(run.Observations);
    }

    [Fact]
    public void Read_LineFormatAboveTheLimit_IsReadALineAtATime()
    {
        // Go's output followed by blank lines past the limit: read a line at a time, it is compared like a small file.
        var path = Fixture.Temp("go-bench.txt", File.ReadAllText(Fixture.Path("go-bench.txt")));
        using (var writer = new StreamWriter(path, append: true))
        {
            var blank = new string(' ', 1023);
            for (long written = 0; written <= RunFileReader.MaxDocumentBytes; written += 1024)
            {
                writer.WriteLine(blank);
            }
        }

        Assert.True(new FileInfo(path).Length > RunFileReader.MaxDocumentBytes);

        var run = RunFileReader.Read(path);

        Assert.Equal(InputFormat.GoBench, run.Format);
        Assert.Equal(RunFileReader.Read(Fixture.Path("go-bench.txt")).Observations.Count, run.Observations.Count);
    }

    [Fact]
    public void Read_CharacterDevice_RefusedWithoutReadingIt()
    {
        // /dev/zero says its size is 0 and never ends: read whole, it filled memory.
        Assert.True(OperatingSystem.IsLinux(), "the kernel's file kinds are a Linux check; this suite runs on Linux");

        var error = Assert.Throws<InputFormatException>(() => RunFileReader.Read("/dev/zero", InputFormat.K6Summary));

        Assert.Equal("/dev/zero: it is a character device, not a regular file (compare reads only regular files, whole and bounded in size)", error.Message);
    }
}
