using System.Globalization;
using System.Text;
using Pacer.Core.Files;
using Pacer.Core.Results;

namespace Pacer.Analysis.Inputs;

/// <summary>
/// Reads one input of <c>pacer compare</c> into a <see cref="RunData"/>: a Pacer result, a k6 summary or <c>--out json</c> stream,
/// <c>go test -bench</c> output, a BenchmarkDotNet full JSON report or a hyperfine export, told apart by content.
/// </summary>
public static class RunFileReader
{
    /// <summary>
    /// The largest JSON document of another tool read (a k6 summary, a BenchmarkDotNet report, a hyperfine export): each is read
    /// whole and parsed in memory (a document holds several times its text), so an unbounded file ran the machine out of memory.
    /// No such summary or report comes near 64 MB. Pacer results are read as a stream under their own bound
    /// (<see cref="ResultFile.MaxFileBytes"/>), and the line formats (k6 <c>--out json</c>, <c>go test -bench</c>) a line at a time.
    /// </summary>
    public const long MaxDocumentBytes = 64L * 1024 * 1024;

    /// <summary>How much of a file is read to tell its format first (a Pacer result is then read as a stream, never whole).</summary>
    private const int HeadChars = 1024 * 1024;

    /// <summary>Reads <paramref name="path"/> as <paramref name="forced"/>, or as what its content shows it is.</summary>
    /// <exception cref="InputFormatException">
    /// The file is missing, unreadable, not a regular file, above its bound (<see cref="ResultFile.MaxFileBytes"/> for a Pacer result,
    /// <see cref="MaxDocumentBytes"/> for another tool's JSON document), of no known format, or broken; the message says which and where.
    /// </exception>
    public static RunData Read(string path, InputFormat? forced = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new InputFormatException($"{path}: no such file");
        }

        // Asked of the kernel before opening: /dev/zero never ends, /dev/urandom neither, and opening a FIFO blocks.
        if (NotRegular(FileStatus.Of(path).Kind) is { } kind)
        {
            throw new InputFormatException($"{path}: it is {kind}, not a regular file (compare reads only regular files, whole and bounded in size)");
        }

        try
        {
            var length = new FileInfo(path).Length;
            var head = forced ?? HeadFormat(path);
            if (head == InputFormat.Pacer)
            {
                // Read as a stream into its objects, bounded by the result file's own limit: memory follows what compare keeps.
                return new RunData(path, InputFormat.Pacer, PacerResultReader.Read(path));
            }

            if (length > MaxDocumentBytes)
            {
                if (head is InputFormat.K6Points or InputFormat.GoBench)
                {
                    // A line format is read a line at a time and keeps only its values (a k6 stream, one duration per
                    // request): memory follows what is kept, not the file, so a long run's stream of hundreds of MB is read.
                    return new RunData(path, head.Value, ReadLines(path, head.Value, File.ReadLines(path)));
                }

                throw TooLarge(path, length);
            }

            var text = ReadBounded(path);
            var detected = forced ?? Detect(path, text);
            return new RunData(path, detected, detected is InputFormat.K6Points or InputFormat.GoBench
                ? ReadLines(path, detected, Lines(text))
                : ReadText(path, detected, text));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputFormatException($"{path}: cannot be read ({e.Message})", e);
        }
    }

    /// <summary>The quantities of a Pacer result that is already parsed, named <paramref name="source"/>; the same as reading its file.</summary>
    /// <exception cref="InputFormatException">A latency histogram in it cannot be decoded; the message names <paramref name="source"/>.</exception>
    public static RunData FromResult(string source, RunResult result)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(result);
        return new RunData(source, InputFormat.Pacer, PacerResultReader.FromResult(source, result));
    }

    /// <summary>Which format <paramref name="text"/> (the content of <paramref name="path"/>) is in.</summary>
    /// <exception cref="InputFormatException">It is none of them; the message names <paramref name="path"/> and lists what is read.</exception>
    public static InputFormat Detect(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(text);
        return InputFormatDetector.Detect(path, text);
    }

    private static List<Observation> ReadText(string path, InputFormat format, string text) => format switch
    {
        InputFormat.Pacer => PacerResultReader.Read(path),
        InputFormat.K6Summary => K6SummaryReader.Read(path, text),
        InputFormat.BenchmarkDotNet => BenchmarkDotNetReader.Read(path, text),
        InputFormat.Hyperfine => HyperfineReader.Read(path, text),
        _ => ReadLines(path, format, Lines(text)),
    };

    private static List<Observation> ReadLines(string path, InputFormat format, IEnumerable<string> lines) => format switch
    {
        InputFormat.K6Points => K6PointsReader.Read(path, lines),
        InputFormat.GoBench => GoBenchReader.Read(path, lines),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "not a line-based format"),
    };

    private static IEnumerable<string> Lines(string text) => text.Split('\n').Select(l => l.TrimEnd('\r'));

    /// <summary>The refusal of another tool's document above <see cref="MaxDocumentBytes"/>, naming its size and the limit.</summary>
    private static InputFormatException TooLarge(string path, long length)
    {
        return new InputFormatException(string.Create(
            CultureInfo.InvariantCulture,
            $"{path}: {length / (1024.0 * 1024):0.#} MB is larger than the {MaxDocumentBytes / (1024 * 1024)} MB an input of pacer compare may be (each is read whole, in memory; see docs/limits.md)"));
    }

    /// <summary>The format the head of a file shows (a Pacer result is then read as a stream), or null when it shows none.</summary>
    private static InputFormat? HeadFormat(string path)
    {
        using var reader = new StreamReader(path);
        var buffer = new char[HeadChars];
        var read = reader.ReadBlock(buffer, 0, buffer.Length);
        try
        {
            return InputFormatDetector.Detect(path, new string(buffer, 0, read));
        }
        catch (InputFormatException)
        {
            // A head that is no known format (or a truncated one) still gets the size refusal, which is the real reason.
            return null;
        }
    }

    /// <summary>The file's text, refused if it grew past the limit after its size was checked.</summary>
    private static string ReadBounded(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan);
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 81920);
        var text = new StringBuilder(checked((int)Math.Min(stream.Length, MaxDocumentBytes)));
        var chunk = new char[81920];
        int read;
        while ((read = reader.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (stream.Position > MaxDocumentBytes)
            {
                throw TooLarge(path, stream.Position);
            }

            text.Append(chunk, 0, read);
        }

        return text.ToString();
    }

    /// <summary>What a special file is, for the refusal; null for a regular file (or where the kernel cannot be asked).</summary>
    private static string? NotRegular(FileKind kind) => kind switch
    {
        FileKind.Fifo => "a FIFO (named pipe)",
        FileKind.CharacterDevice => "a character device",
        FileKind.BlockDevice => "a block device",
        FileKind.Socket => "a socket",
        _ => null,
    };
}
