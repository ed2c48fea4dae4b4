namespace Pacer.Core.Files;

/// <summary>What a path names once symbolic links are followed: what decides how an output may be written there.</summary>
public enum FileKind
{
    /// <summary>Nothing there (or a dangling link): the file is created.</summary>
    Missing,

    /// <summary>A regular file: replaced atomically (temporary file, then rename).</summary>
    Regular,

    /// <summary>A folder: never an output.</summary>
    Directory,

    /// <summary>A character device (<c>/dev/null</c>, a terminal): written through, never replaced.</summary>
    CharacterDevice,

    /// <summary>A named pipe: written through (the write waits for a reader, as the shell's <c>&gt;</c> does).</summary>
    Fifo,

    /// <summary>A block device: refused, a report written over a disk would destroy it.</summary>
    BlockDevice,

    /// <summary>A Unix socket: cannot be opened as a file.</summary>
    Socket,
}
