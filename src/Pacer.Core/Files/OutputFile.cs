namespace Pacer.Core.Files;

/// <summary>
/// The one way Pacer writes an output file (result, HTML, Markdown, JUnit, comparison JSON), so every output keeps the same promises:
/// a regular file is replaced atomically (a temporary file in the same folder, flushed, then renamed over it), so a reader never
/// sees half a file and a failed write (a full disk) leaves the previous file whole; a character device or a FIFO is written
/// through, never replaced (<c>--out /dev/null</c> discards, it does not turn <c>/dev/null</c> into a file); a symbolic link is
/// followed, so its target is replaced and the link kept.
/// </summary>
public static class OutputFile
{
    /// <summary>Writes <paramref name="text"/> (UTF-8) to <paramref name="path"/>; see the type's remarks.</summary>
    public static Task WriteTextAsync(string path, string text, CancellationToken cancellationToken = default) =>
        WriteAsync(path, async (stream, ct) =>
        {
            await using var writer = new StreamWriter(stream, leaveOpen: true);
            await writer.WriteAsync(text.AsMemory(), ct);
            await writer.FlushAsync(ct);
        }, cancellationToken);

    /// <summary>Writes what <paramref name="write"/> puts into the stream to <paramref name="path"/>; see the type's remarks.</summary>
    /// <exception cref="IOException">The file could not be written (full disk, read-only, a folder or a block device there …); an existing file is left as it was.</exception>
    /// <exception cref="UnauthorizedAccessException">No permission to write there.</exception>
    public static async Task WriteAsync(string path, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new IOException("the file name is empty");
        }

        var status = FileStatus.Of(path);
        switch (status.Kind)
        {
            case FileKind.CharacterDevice or FileKind.Fifo:
                // Replacing a device or a pipe by a file would break it for everyone; writing into it is what the user asked for.
                // The path is opened as given (not link-resolved): /dev/stdout leads through /proc to a pipe that has no name.
                await using (var stream = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, 0, FileOptions.None))
                {
                    await write(stream, cancellationToken);
                    await stream.FlushAsync(cancellationToken);
                }

                return;
            case FileKind.Directory:
                throw new IOException($"{path} is a folder");
            case FileKind.BlockDevice or FileKind.Socket:
                throw new IOException($"{path} is a {(status.Kind == FileKind.Socket ? "socket" : "block device")}, not a file");
        }

        var final = LinkTarget(path);
        var folder = Path.GetDirectoryName(final)!;
        Directory.CreateDirectory(folder);
        var temp = Path.Combine(folder, $".{Path.GetFileName(final)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, FileOptions.Asynchronous))
            {
                await write(stream, cancellationToken);
                await stream.FlushAsync(cancellationToken);
                // On disk before the rename: otherwise a crash just after it could leave an empty file where the old one was.
                stream.Flush(flushToDisk: true);
            }

            KeepMode(final, temp);
            File.Move(temp, final, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    /// <summary>
    /// The full path a write to <paramref name="path"/> must replace: the final target of a symbolic link (kept as a link),
    /// else the path itself. A dangling link's target is created.
    /// </summary>
    public static string LinkTarget(string path)
    {
        var full = Path.GetFullPath(path);
        var info = new FileInfo(full);
        return info.LinkTarget is null ? full : Path.GetFullPath((info.ResolveLinkTarget(returnFinalTarget: true) ?? info).FullName);
    }

    /// <summary>A replaced file keeps its permissions (a report readable only by its owner stays so).</summary>
    private static void KeepMode(string final, string temp)
    {
        if (!OperatingSystem.IsWindows() && File.Exists(final))
        {
            File.SetUnixFileMode(temp, File.GetUnixFileMode(final));
        }
    }
}
