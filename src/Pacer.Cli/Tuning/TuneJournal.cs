using System.Security.Cryptography;
using System.Text.Json;
using Pacer.Reports.Tuning;

namespace Pacer.Cli.Tuning;

/// <summary>
/// The tuning's report file, written after every trial (to a temporary file, then moved over the old one, so an interrupt
/// never leaves half a file): it is both the output and what <c>--resume</c> reads back.
/// </summary>
internal static class TuneJournal
{
    public static async Task WriteAsync(TuneReport report, string path)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(folder);
        var temporary = Path.Combine(folder, $".{Path.GetFileName(path)}.{Environment.ProcessId}.tmp");
        await using (var stream = File.Create(temporary))
        {
            await JsonSerializer.SerializeAsync(stream, report, TuneJsonContext.Default.TuneReport);
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>The report at <paramref name="path"/>; <see cref="UsageException"/> naming the file when it is not one.</summary>
    public static TuneReport Read(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            var report = JsonSerializer.Deserialize(stream, TuneJsonContext.Default.TuneReport);
            return report is { Schema: TuneReport.SchemaV1 }
                ? report
                : throw new UsageException($"{path}: not a pacer tune report (schema {TuneReport.SchemaV1}); --resume continues a tuning from its own output file");
        }
        catch (JsonException e)
        {
            throw new UsageException($"{path}: cannot be read as a tune report ({e.Message}); --resume continues a tuning from its own output file");
        }
    }

    public static string Sha256Of(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));
}
