using System.Text.Json.Nodes;

namespace Pacer.Cli.Tests.Reliability;

/// <summary>
/// Large result files (issue 13, class 3): <c>pacer report</c> and <c>pacer compare</c> read them as a stream into what they keep,
/// so their memory follows the objects, not the file. Each runs as a child process under a hard GC heap limit (the ceiling): a
/// reader that held the text or a parsed document whole (about 13 times the file) would run out of memory and exit 1.
/// </summary>
public sealed class ResultFileMemoryReliabilityTests(ResultFileReliabilityFixture fixture) : IClassFixture<ResultFileReliabilityFixture>
{
    /// <summary>Series points in the large file: about 75 MB of JSON, above the 64 MB result files used to be limited to.</summary>
    private const int SeriesPoints = 450_000;

    [Fact]
    public async Task Report_ResultWithALongSeries_ReadWithinAHeapOfAboutTwiceTheFile()
    {
        var file = Path.Combine(fixture.Folder, $"long-series-{Guid.NewGuid():N}.json");
        await WriteWithSeriesAsync(file, SeriesPoints);
        var size = new FileInfo(file).Length;
        Assert.True(size > 64L * 1024 * 1024, $"the file is {size} bytes; it must be larger than the old 64 MB limit");

        try
        {
            var (exit, output, error) = await ChildPacer.RunAsync(128, "report", file);

            Assert.True(exit == 0, $"exit {exit} within a 128 MB heap for a {size / (1024 * 1024)} MB file: {error}{output}");
            Assert.Contains("Requests", output, StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Compare_ResultOfHundredsOfMegabytes_ReadWithinASmallHeap()
    {
        // The valid result with 200 MB of whitespace inside it: what compare keeps is the small result's, so its heap must stay
        // small however large the file; reading the text whole would take 400 MB for the string alone.
        var file = Path.Combine(fixture.Folder, $"padded-{Guid.NewGuid():N}.json");
        var json = fixture.ValidJson.TrimEnd();
        await using (var writer = new StreamWriter(file))
        {
            await writer.WriteAsync(json[..^1]);
            var blank = new string(' ', 4095) + "\n";
            for (var written = 0L; written < 200L * 1024 * 1024; written += blank.Length)
            {
                await writer.WriteAsync(blank);
            }

            await writer.WriteAsync('}');
        }

        try
        {
            var (exit, output, error) = await ChildPacer.RunAsync(64, "compare", file, "--current", fixture.ValidPath);

            Assert.True(exit is 0 or 99, $"exit {exit} within a 64 MB heap: {error}{output}");
            Assert.DoesNotContain("larger than", error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>Writes the fixture's result with <paramref name="points"/> per-second series points, a point at a time.</summary>
    private async Task WriteWithSeriesAsync(string path, int points)
    {
        var root = JsonNode.Parse(fixture.ValidJson)!.AsObject();
        var point = root["series"]!.AsArray()[0]!.AsObject();
        root["series"] = "SERIES-GOES-HERE";
        var parts = root.ToJsonString().Split("\"SERIES-GOES-HERE\"");
        await using var writer = new StreamWriter(path);
        await writer.WriteAsync(parts[0]);
        await writer.WriteAsync('[');
        for (var i = 0; i < points; i++)
        {
            point["t"] = i + 1;
            point["p50"] = 10 + (i % 7 / 10.0);
            point["p95"] = 20 + (i % 11 / 10.0);
            point["p99"] = 30 + (i % 13 / 10.0);
            if (i > 0)
            {
                await writer.WriteAsync(',');
            }

            await writer.WriteAsync(point.ToJsonString());
        }

        await writer.WriteAsync(']');
        await writer.WriteAsync(parts[1]);
    }
}
