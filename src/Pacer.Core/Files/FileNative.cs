using System.Runtime.InteropServices;

namespace Pacer.Core.Files;

/// <summary>
/// <c>statx(2)</c>, whose buffer has the same layout on every Linux architecture (unlike <c>struct stat</c>), so one
/// declaration reads a file's type, device and inode on x64 and arm64 alike.
/// </summary>
internal static unsafe partial class FileNative
{
    private const int AtFdCwd = -100;
    private const uint StatxType = 0x1;
    private const uint StatxIno = 0x100;
    private const int BufferSize = 256;

    public static FileStatus Stat(string path)
    {
        var buffer = stackalloc byte[BufferSize];
        // Flags 0 follows symbolic links: the kind that matters is the kind of what a write would reach.
        if (Statx(AtFdCwd, path, 0, StatxType | StatxIno, buffer) != 0)
        {
            // Missing, a dangling link, or a path through a file: nothing to replace; the write itself reports what is wrong.
            return new FileStatus(FileKind.Missing, 0, 0);
        }

        // struct statx: stx_mode (u16) at 28, stx_ino (u64) at 32, stx_dev_major and stx_dev_minor (u32) at 136 and 140.
        var mode = *(ushort*)(buffer + 28);
        var inode = *(ulong*)(buffer + 32);
        var device = ((ulong)*(uint*)(buffer + 136) << 32) | *(uint*)(buffer + 140);
        return new FileStatus(FileStatus.KindOf(mode), device, inode);
    }

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int directory, string path, int flags, uint mask, byte* buffer);
}
