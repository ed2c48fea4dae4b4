using System.Runtime.InteropServices;
using System.Text;

namespace Pacer.Core.Plans;

/// <summary>
/// Reads a file a plan names (the plan itself, a body_file, a data file) whole, but only a regular file and only up to a size:
/// /dev/zero would fill memory, /dev/urandom never ends, and a FIFO blocks the open until someone writes to it. The kind of
/// file is asked of the kernel (statx) before opening, because opening a FIFO is itself what blocks.
/// </summary>
internal static partial class InputFile
{
    /// <summary>Largest plan file: a plan with 10,000 requests is about 350 KB.</summary>
    public const long MaxPlanBytes = 16L * 1024 * 1024;

    /// <summary>Largest body_file: a request body is held in memory and sent whole, every request.</summary>
    public const long MaxBodyBytes = 16L * 1024 * 1024;

    /// <summary>
    /// Largest data file (CSV or JSON lines). Its rows are held for the run, compact (<see cref="Scenarios.DataCells"/>: the values'
    /// UTF-8 and 4 bytes a value, about 1.3 times the file), and it is parsed as it streams in; loading peaks at about 2.5 times
    /// the file (a 199 MB CSV of 4.2 million rows at 561 MB RSS, where a 189 MB one peaked at 3.5 GB read whole). 512 MB keeps
    /// that peak near 1.5 GB.
    /// </summary>
    public const long MaxDataBytes = 512L * 1024 * 1024;

    /// <summary>The file's bytes as they are (a binary WebSocket message), or throws <see cref="InputFileException"/> as <see cref="ReadText"/> does.</summary>
    public static byte[] ReadBytes(string path, long maxBytes)
    {
        try
        {
            return ReadBounded(path, maxBytes).ToArray();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputFileException(e.Message, e);
        }
    }

    /// <summary>The file's text, or throws <see cref="InputFileException"/> with a one-line reason (the path is the caller's to add).</summary>
    public static string ReadText(string path, long maxBytes)
    {
        try
        {
            using var buffer = ReadBounded(path, maxBytes);
            using var text = new StreamReader(buffer, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            return text.ReadToEnd();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputFileException(e.Message, e);
        }
    }

    /// <summary>The file's bytes in memory, positioned at the start; throws <see cref="InputFileException"/> past <paramref name="maxBytes"/>.</summary>
    private static MemoryStream ReadBounded(string path, long maxBytes)
    {
        using var stream = Open(path, maxBytes);

        // Sized to the file when it says its size: a growing buffer would briefly hold twice the file.
        var buffer = new MemoryStream(stream.CanSeek ? (int)stream.Length : 0);
        var chunk = new byte[81920];
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                throw new InputFileException(TooLarge(buffer.Length + read, maxBytes));
            }

            buffer.Write(chunk, 0, read);
        }

        buffer.Position = 0;
        return buffer;
    }

    /// <summary>
    /// The file as text to read as it streams in (a data file is parsed that way, never held whole as text), with its size in
    /// <paramref name="length"/>; reading past <paramref name="maxBytes"/> (a file that grows meanwhile) throws
    /// <see cref="InputFileException"/>, as does a file that is missing, not regular or too large, here. The caller turns
    /// <see cref="IOException"/> from later reads into its own error.
    /// </summary>
    public static TextReader OpenText(string path, long maxBytes, out long length)
    {
        FileStream stream;
        try
        {
            stream = Open(path, maxBytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputFileException(e.Message, e);
        }

        length = stream.CanSeek ? stream.Length : 0;
        return new StreamReader(new BoundedStream(stream, maxBytes, TooLarge(maxBytes + 1, maxBytes)), Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 64 * 1024);
    }

    /// <summary>Opens <paramref name="path"/> for reading after checking that it is a regular file within <paramref name="maxBytes"/>.</summary>
    private static FileStream Open(string path, long maxBytes)
    {
        if (Directory.Exists(path))
        {
            throw new InputFileException("it is a directory, not a file");
        }

        if (!File.Exists(path))
        {
            throw new InputFileException("file not found");
        }

        if (Kind(path) is { } kind && kind != RegularFile)
        {
            throw new InputFileException($"it is {Describe(kind)}, not a regular file (only regular files are read, whole and bounded in size)");
        }

        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan);

        // The length is checked again while reading: the file may grow, and a device the kernel check could not see says 0.
        if (stream.CanSeek && stream.Length > maxBytes)
        {
            var length = stream.Length;
            stream.Dispose();
            throw new InputFileException(TooLarge(length, maxBytes));
        }

        return stream;
    }

    private static string TooLarge(long bytes, long maxBytes) =>
        $"it is larger than the limit of {maxBytes / (1024 * 1024)} MB{(bytes > maxBytes ? string.Empty : $" ({bytes} bytes)")}";

    private const int TypeMask = 0xF000;
    private const int RegularFile = 0x8000;

    private static string Describe(int kind) => kind switch
    {
        0x1000 => "a FIFO (named pipe)",
        0x2000 => "a character device",
        0x6000 => "a block device",
        0xC000 => "a socket",
        _ => "a special file",
    };

    /// <summary>The S_IFMT bits of the file (symbolic links followed), or null where statx is not available.</summary>
    private static int? Kind(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        try
        {
            Span<byte> buffer = stackalloc byte[256];
            // struct statx has the same layout on every Linux architecture: stx_mode is the 16-bit field at offset 28.
            const int AtFdCwd = -100;
            const uint StatxType = 0x1;
            return Statx(AtFdCwd, path, 0, StatxType, ref MemoryMarshal.GetReference(buffer)) == 0
                ? BitConverter.ToUInt16(buffer[28..30]) & TypeMask
                : null;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // An old C library without statx: the size bound while reading still holds, only a FIFO could then block.
            return null;
        }
    }

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int directory, string path, int flags, uint mask, ref byte buffer);
}
