using System.Text;

namespace Pacer.Core.Monitoring;

/// <summary>The started service's log file: the header Pacer writes before each start, and the last lines since then.</summary>
internal static class ServiceLog
{
    /// <summary>How many of the service's last lines an error quotes.</summary>
    public const int TailLines = 20;

    /// <summary>Only the end of a large log is read for its tail.</summary>
    private const int TailBytes = 64 * 1024;

    /// <summary>Appends the header line (when, what) and returns the file's length after it: where this start's output begins.</summary>
    public static long WriteHeader(string path, string command, DateTimeOffset startedUtc)
    {
        using var file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
        var header = Encoding.UTF8.GetBytes($"==> pacer started the service at {startedUtc.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffZ}: {command}\n");
        file.Write(header);
        return file.Length;
    }

    /// <summary>The last <see cref="TailLines"/> lines written after <paramref name="from"/>, oldest first; empty when none or unreadable.</summary>
    public static IReadOnlyList<string> Tail(string path, long from)
    {
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var start = Math.Max(from, file.Length - TailBytes);
            file.Position = start;
            var buffer = new byte[file.Length - start];
            file.ReadExactly(buffer);
            var lines = Encoding.UTF8.GetString(buffer).Split('\n').Select(l => l.TrimEnd('\r')).ToList();

            // A cut at the front may split a line; a trailing newline leaves an empty last entry.
            if (start > from && lines.Count > 0)
            {
                lines.RemoveAt(0);
            }

            while (lines.Count > 0 && lines[^1].Length == 0)
            {
                lines.RemoveAt(lines.Count - 1);
            }

            return lines.Count > TailLines ? lines[^TailLines..] : lines;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The tail only adds to an error that is reported anyway; a log that cannot be read leaves it out.
            return [];
        }
    }
}
