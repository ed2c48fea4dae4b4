using Pacer.Core.Results;

namespace Pacer.Analysis.Inputs;

/// <summary>
/// Reads one input of <c>pacer compare</c> into a <see cref="RunData"/>: a Pacer result, a k6 summary or <c>--out json</c> stream,
/// <c>go test -bench</c> output, a BenchmarkDotNet full JSON report or a hyperfine export, told apart by content.
/// </summary>
public static class RunFileReader
{
    /// <summary>
    /// Above this size only the head is read to detect the format, and the line formats (k6 points, Go) are streamed: a long k6
    /// <c>--out json</c> run easily outgrows what one string can hold.
    /// </summary>
    private const long LargeFileBytes = 64L * 1024 * 1024;

    /// <summary>How much of a large file detection looks at.</summary>
    private const int HeadChars = 1024 * 1024;

    /// <summary>Reads <paramref name="path"/> as <paramref name="forced"/>, or as what its content shows it is.</summary>
    /// <exception cref="InputFormatException">The file is missing, unreadable, of no known format, or broken; the message says which and where.</exception>
    public static RunData Read(string path, InputFormat? forced = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new InputFormatException($"{path}: no such file");
        }

        try
        {
            var length = new FileInfo(path).Length;
            if (length > LargeFileBytes)
            {
                var format = forced ?? Detect(path, Head(path));
                if (format == InputFormat.Pacer)
                {
                    SizeOfResult(path, length);
                }

                return format is InputFormat.K6Points or InputFormat.GoBench
                    ? new RunData(path, format, ReadLines(path, format, File.ReadLines(path)))
                    : new RunData(path, format, ReadText(path, format, File.ReadAllText(path)));
            }

            var text = File.ReadAllText(path);
            var detected = forced ?? Detect(path, text);
            if (detected == InputFormat.Pacer)
            {
                SizeOfResult(path, length);
            }

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
        InputFormat.Pacer => PacerResultReader.Read(path, text),
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

    /// <summary>A Pacer result is read whole; above its limit it is refused with the words <c>pacer report</c> uses.</summary>
    private static void SizeOfResult(string path, long length)
    {
        try
        {
            ResultFile.CheckSize(path, length);
        }
        catch (ResultFormatException e)
        {
            throw new InputFormatException(e.Message, e);
        }
    }

    private static string Head(string path)
    {
        using var reader = new StreamReader(path);
        var buffer = new char[HeadChars];
        var read = reader.ReadBlock(buffer, 0, buffer.Length);
        return new string(buffer, 0, read);
    }
}
