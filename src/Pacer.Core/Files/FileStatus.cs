using System.Runtime.InteropServices;

namespace Pacer.Core.Files;

/// <summary>
/// The kind and identity (device and inode) of what a path names, links followed. The identity tells that two paths are the
/// same file however they are spelled (links, <c>..</c>, hard links, bind mounts), which a comparison of names cannot.
/// </summary>
/// <param name="Kind">What is there.</param>
/// <param name="Device">Device number of the file system holding it (0 when unknown).</param>
/// <param name="Inode">Its inode number (0 when unknown: the file is missing, or the system is not Linux).</param>
public readonly record struct FileStatus(FileKind Kind, ulong Device, ulong Inode)
{
    /// <summary>True when both name the same existing file.</summary>
    public bool SameFileAs(FileStatus other) => Inode != 0 && Inode == other.Inode && Device == other.Device;

    /// <summary>Looks at <paramref name="path"/>: <c>statx</c> on Linux (the only way .NET can tell a device or a FIFO from a file); elsewhere only file, folder or missing.</summary>
    public static FileStatus Of(string path)
    {
        if (OperatingSystem.IsLinux())
        {
            return FileNative.Stat(path);
        }

        return Directory.Exists(path) ? new FileStatus(FileKind.Directory, 0, 0)
            : File.Exists(path) ? new FileStatus(FileKind.Regular, 0, 0)
            : new FileStatus(FileKind.Missing, 0, 0);
    }

    /// <summary>The kind for the <c>S_IFMT</c> bits of a mode.</summary>
    internal static FileKind KindOf(int mode) => (mode & 0xF000) switch
    {
        0x4000 => FileKind.Directory,
        0x2000 => FileKind.CharacterDevice,
        0x6000 => FileKind.BlockDevice,
        0x1000 => FileKind.Fifo,
        0xC000 => FileKind.Socket,
        _ => FileKind.Regular,
    };
}
