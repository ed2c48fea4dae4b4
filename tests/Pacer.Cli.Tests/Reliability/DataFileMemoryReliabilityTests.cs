using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace Pacer.Cli.Tests.Reliability;

/// <summary>
/// Large data files (issue 13, class 9): a plan's CSV or JSON Lines data is parsed as it streams in and held compact (the values'
/// bytes and an offset each), so a file above the old 64 MB limit runs within a heap of a few times its size. The run is a child
/// process under a hard GC heap limit (the ceiling): rows held as strings and arrays (about 11 times the file) would run out of
/// memory.
/// </summary>
public sealed class DataFileMemoryReliabilityTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("pacer-data-memory-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Theory]
    [InlineData("users.csv", "random")]
    [InlineData("users.jsonl", "sequential")]
    public async Task Run_DataFileAboveTheOldLimit_IsReadWithinAHeapOfAFewTimesTheFile(string name, string order)
    {
        var data = Path.Combine(folder, name);
        var size = await WriteUsersAsync(data, 70L * 1024 * 1024);
        var heads = new ConcurrentQueue<string>();
        var ok = Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
        using var server = new RecordingServer(heads, _ => ok);
        var plan = Path.Combine(folder, "plan.yaml");
        await File.WriteAllTextAsync(plan, $$"""
            target: {{server.BaseAddress}}
            scenarios:
              - data: { file: {{data}}, order: {{order}} }
                steps:
                  - { path: "/u/${data.email}" }
            load: { model: closed, vus: 1, duration: 1s, graceful_stop: 1s }
            """);

        var (exit, output, error) = await ChildPacer.RunAsync(256, "run", plan, "--out", Path.Combine(folder, "run.json"), "-q");

        Assert.True(exit == 0, $"exit {exit} within a 256 MB heap for a {size / (1024 * 1024)} MB data file: {error}{output}");
        Assert.NotEmpty(heads);
        Assert.All(heads, head => Assert.Matches(@"^GET /u/user\d+@example\.com ", head));
    }

    /// <summary>Writes users (a header and an id, email and token per row) until the file holds at least <paramref name="bytes"/>.</summary>
    private static async Task<long> WriteUsersAsync(string path, long bytes)
    {
        var jsonLines = path.EndsWith(".jsonl", StringComparison.Ordinal);
        await using var writer = new StreamWriter(path);
        if (!jsonLines)
        {
            await writer.WriteAsync("id,email,token\n");
        }

        for (var i = 0; writer.BaseStream.Position < bytes; i++)
        {
            await writer.WriteAsync(jsonLines
                ? string.Create(CultureInfo.InvariantCulture, $"{{\"id\":{i},\"email\":\"user{i}@example.com\",\"token\":\"tok{i:D12}\"}}\n")
                : string.Create(CultureInfo.InvariantCulture, $"{i},user{i}@example.com,tok{i:D12}\n"));
        }

        await writer.FlushAsync();
        return writer.BaseStream.Length;
    }
}
