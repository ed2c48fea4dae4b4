using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Pacer.Core.Files;

namespace Pacer.Core.Results;

/// <summary>Reads and writes <c>pacer.run/v1</c> result files.</summary>
public static class ResultFile
{
    /// <summary>The serializer settings every Pacer result file uses: snake_case names, nulls omitted, indented.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>
    /// The largest result file a reader loads. Reading one holds its text, its parsed document and its objects at once — about
    /// 13 times the file's size (a 30 MB file with 100,000 per-second points peaked at 400 MB in <c>pacer report</c>) — so a
    /// 189 MB file passed 6 GB and a 1 GB one ran out of memory. 64 MB is a run of about two days at one series point a second
    /// (about 300 bytes each), read in under 1 GB.
    /// </summary>
    public const long MaxFileBytes = 64L * 1024 * 1024;

    /// <summary>Throws <see cref="ResultFormatException"/> naming <paramref name="path"/> and its size when it is above <see cref="MaxFileBytes"/>.</summary>
    public static void CheckSize(string path, long length)
    {
        if (length > MaxFileBytes)
        {
            throw new ResultFormatException(string.Create(
                CultureInfo.InvariantCulture,
                $"{path}: {length / (1024.0 * 1024):0.#} MB is larger than the {MaxFileBytes / (1024 * 1024)} MB a result file may be (reading one takes about 13 times its size in memory; see docs/limits.md)"));
        }
    }

    /// <summary>Serialises <paramref name="result"/> to JSON text.</summary>
    public static string ToJson(RunResult result) => JsonSerializer.Serialize(result, JsonOptions);

    /// <summary>
    /// Writes <paramref name="result"/> to <paramref name="path"/> through <see cref="OutputFile"/>: atomically (a temporary file in
    /// the same folder, then a rename), so a reader never sees half a file and a crash never destroys an earlier result; a device
    /// or FIFO is written through, a symbolic link followed.
    /// </summary>
    public static Task WriteAsync(RunResult result, string path, CancellationToken cancellationToken = default) =>
        OutputFile.WriteAsync(path, (stream, ct) => JsonSerializer.SerializeAsync(stream, result, JsonOptions, ct), cancellationToken);

    /// <summary>
    /// Parses result JSON; throws <see cref="ResultFormatException"/> naming <paramref name="path"/> (and the field) when it is not a
    /// valid <c>pacer.run/v1</c> file: nulls where the schema has none, numbers not finite or out of range, histograms that
    /// cannot be decoded or disagree with their count.
    /// </summary>
    public static RunResult Parse(string json, string path)
    {
        string? schema;
        try
        {
            using var document = JsonDocument.Parse(json);
            schema = document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("schema", out var s) && s.ValueKind == JsonValueKind.String
                ? s.GetString()
                : null;
        }
        catch (JsonException e)
        {
            throw new ResultFormatException($"{path}: not a Pacer result file (expected the {RunResult.SchemaV1} JSON that pacer run writes; this is not JSON: {JsonProblem(e)})", e);
        }

        if (schema != RunResult.SchemaV1)
        {
            throw new ResultFormatException(schema is null
                ? $"{path}: not a Pacer result file (no \"schema\" field; expected \"{RunResult.SchemaV1}\")"
                : $"{path}: unsupported schema \"{schema}\" (this Pacer reads \"{RunResult.SchemaV1}\")");
        }

        RunResult result;
        try
        {
            result = JsonSerializer.Deserialize<RunResult>(json, JsonOptions)
                ?? throw new ResultFormatException($"{path}: empty result");
        }
        catch (JsonException e)
        {
            throw new ResultFormatException($"{path}: malformed {RunResult.SchemaV1} file at {e.Path}: {e.Message}", e);
        }

        // Every reader (report, compare, merge) comes through here, so one pass makes them all give the same answer.
        ResultValidator.Validate(result, path);
        return result;
    }

    /// <summary>The parser's complaint with a 1-based line and byte, in place of .NET's 0-based "LineNumber: 0 | BytePositionInLine: 0".</summary>
    private static string JsonProblem(JsonException e)
    {
        var message = e.Message;
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        message = cut > 0 ? message[..cut].TrimEnd('.', ' ') : message;
        return e.LineNumber is { } line ? $"{message} at line {line + 1}, byte {(e.BytePositionInLine ?? 0) + 1}" : message;
    }

    /// <summary>Reads a result file; see <see cref="Parse"/>.</summary>
    public static async Task<RunResult> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(path))
        {
            throw new ResultFormatException($"{path}: no such file");
        }

        CheckSize(path, new FileInfo(path).Length);

        return Parse(await File.ReadAllTextAsync(path, cancellationToken), path);
    }
}
