using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Pacer.Core.Files;

namespace Pacer.Core.Results;

/// <summary>Reads and writes <c>pacer.run/v1</c> result files.</summary>
public static class ResultFile
{
    /// <summary>
    /// The serializer settings every Pacer result file uses: snake_case names, nulls omitted, indented. Its type information
    /// comes from the generated <see cref="ResultJsonContext"/>, so these options serialise a <see cref="RunResult"/> in a
    /// NativeAOT build too.
    /// </summary>
    public static JsonSerializerOptions JsonOptions { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        TypeInfoResolver = ResultJsonContext.Default,
    };

    /// <summary>
    /// The largest result file a reader loads. A file is read as a stream straight into its objects (never its text or a parsed
    /// document whole), so a reader holds about the file's size (a 192 MB file of 1,000,000 per-second points is reported within
    /// a 256 MB heap; 128 MB runs out); reading the text whole held about 13 times it, so a 189 MB file passed 6 GB. 1 GB is
    /// about 30 weeks of one-second series points and keeps <c>pacer compare</c> of two such files within a few GB.
    /// </summary>
    public const long MaxFileBytes = 1024L * 1024 * 1024;

    /// <summary>Throws <see cref="ResultFormatException"/> naming <paramref name="path"/> and its size when it is above <see cref="MaxFileBytes"/>.</summary>
    public static void CheckSize(string path, long length)
    {
        if (length > MaxFileBytes)
        {
            throw new ResultFormatException(string.Create(
                CultureInfo.InvariantCulture,
                $"{path}: {length / (1024.0 * 1024):0.#} MB is larger than the {MaxFileBytes / (1024 * 1024)} MB a result file may be (reading one takes about its size in memory; see docs/limits.md)"));
        }
    }

    /// <summary>Serialises <paramref name="result"/> to JSON text.</summary>
    public static string ToJson(RunResult result) => JsonSerializer.Serialize(result, ResultJsonContext.Default.RunResult);

    /// <summary>
    /// Writes <paramref name="result"/> to <paramref name="path"/> through <see cref="OutputFile"/>: atomically (a temporary file in
    /// the same folder, then a rename), so a reader never sees half a file and a crash never destroys an earlier result; a device
    /// or FIFO is written through, a symbolic link followed.
    /// </summary>
    public static Task WriteAsync(RunResult result, string path, CancellationToken cancellationToken = default) =>
        OutputFile.WriteAsync(path, (stream, ct) => JsonSerializer.SerializeAsync(stream, result, ResultJsonContext.Default.RunResult, ct), cancellationToken);

    /// <summary>
    /// Parses result JSON; throws <see cref="ResultFormatException"/> naming <paramref name="path"/> (and the field) when it is not a
    /// valid <c>pacer.run/v1</c> file: nulls where the schema has none, numbers not finite or out of range, histograms that
    /// cannot be decoded or disagree with their count.
    /// </summary>
    public static RunResult Parse(string json, string path)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json), writable: false);
        return Read(stream, path);
    }

    /// <summary>
    /// Reads a result file as a stream, so memory follows the objects it holds, not its text; see <see cref="Parse"/> for what is
    /// refused. A missing file, one that is not a regular file (a FIFO would block, <c>/dev/zero</c> never end) or one above
    /// <see cref="MaxFileBytes"/> is refused before it is read.
    /// </summary>
    public static RunResult Read(string path)
    {
        using var stream = Open(path);
        return Read(stream, path);
    }

    /// <summary>Reads a result file; see <see cref="Read(string)"/>.</summary>
    public static Task<RunResult> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();

        // The file is read synchronously on a pool thread: a FileStream's asynchronous reads only add overhead for a local file,
        // and the streaming deserializer keeps the memory bounded either way.
        return Task.Run(() => Read(path), cancellationToken);
    }

    private static FileStream Open(string path)
    {
        var kind = FileStatus.Of(path).Kind;
        if (kind == FileKind.Missing)
        {
            throw new ResultFormatException($"{path}: no such file");
        }

        if (kind != FileKind.Regular)
        {
            throw new ResultFormatException($"{path}: it is {Describe(kind)}, not a regular file (a result file is read from a regular file only)");
        }

        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan);
        try
        {
            CheckSize(path, stream.Length);
            return stream;
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    private static string Describe(FileKind kind) => kind switch
    {
        FileKind.Directory => "a folder",
        FileKind.Fifo => "a FIFO (named pipe)",
        FileKind.CharacterDevice => "a character device",
        FileKind.BlockDevice => "a block device",
        _ => "a socket",
    };

    /// <summary>
    /// Reads <paramref name="stream"/> (positioned at its start, seekable) in two streaming passes: one finds the top-level
    /// <c>schema</c> (a file that is not a Pacer result is told so before it is taken apart), the other builds the objects.
    /// </summary>
    private static RunResult Read(Stream stream, string path)
    {
        var schema = FindSchema(stream, path);
        if (schema != RunResult.SchemaV1)
        {
            throw new ResultFormatException(schema is null
                ? $"{path}: not a Pacer result file (no \"schema\" field; expected \"{RunResult.SchemaV1}\")"
                : $"{path}: unsupported schema \"{schema}\" (this Pacer reads \"{RunResult.SchemaV1}\")");
        }

        stream.Position = 0;
        RunResult result;
        try
        {
            result = JsonSerializer.Deserialize(stream, ResultJsonContext.Default.RunResult)
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

    /// <summary>
    /// The string value of the root object's <c>schema</c> property, read token by token through a small buffer (Pacer writes
    /// it first, so this usually stops within the first bytes); null when the root is not an object or has none.
    /// </summary>
    private static string? FindSchema(Stream stream, string path)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            var state = default(JsonReaderState);
            var filled = 0;
            var schemaNext = false;
            var first = true;
            while (true)
            {
                var read = stream.Read(buffer, filled, buffer.Length - filled);
                filled += read;
                if (first && filled >= 3 && buffer.AsSpan(0, 3).SequenceEqual("\uFEFF"u8))
                {
                    // A byte order mark, which editors on Windows add and the deserializer skips too.
                    buffer.AsSpan(3, filled - 3).CopyTo(buffer);
                    filled -= 3;
                }

                first = false;
                var reader = new Utf8JsonReader(buffer.AsSpan(0, filled), isFinalBlock: read == 0, state);
                while (reader.Read())
                {
                    if (schemaNext)
                    {
                        return reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                    }

                    if (reader.CurrentDepth == 0 && reader.TokenType != JsonTokenType.StartObject)
                    {
                        return null;
                    }

                    schemaNext = reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && reader.ValueTextEquals("schema"u8);
                }

                if (read == 0)
                {
                    return null;
                }

                var consumed = (int)reader.BytesConsumed;
                state = reader.CurrentState;
                buffer.AsSpan(consumed, filled - consumed).CopyTo(buffer);
                filled -= consumed;
                if (filled == buffer.Length)
                {
                    // One token longer than the buffer (a long histogram string): grow to hold it.
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, filled).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
            }
        }
        catch (JsonException e)
        {
            throw new ResultFormatException($"{path}: not a Pacer result file (expected the {RunResult.SchemaV1} JSON that pacer run writes; this is not JSON: {JsonProblem(e)})", e);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
