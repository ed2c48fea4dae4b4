using Pacer.Core.Files;

namespace Pacer.Cli.Pipeline;

/// <summary>
/// Checks a command's output paths before it reads, sends or writes anything: each names a place a file can be written
/// (not empty, not a folder, not a block device or socket), none is one of the command's inputs, and no two are the same file
/// — so <c>pacer report run.json --html run.json</c> is refused (exit 2) instead of destroying its input. "The same" is decided
/// by device and inode when the file exists (links, <c>..</c> and hard links all resolve to it), else by the full path with
/// links followed. Character devices are exempt from the sameness check: <c>--out /dev/null --html /dev/null</c> discards both.
/// </summary>
internal static class OutputPaths
{
    /// <summary>Throws a <see cref="UsageException"/> for the first problem; <paramref name="outputs"/> pairs an option name with its path (null when not given).</summary>
    public static void Check(IEnumerable<(string Option, string? Path)> outputs, IEnumerable<string> inputs)
    {
        var given = outputs.Where(o => o.Path is not null).Select(o => (o.Option, Path: o.Path!)).ToList();
        foreach (var (option, path) in given)
        {
            if (string.IsNullOrWhiteSpace(path))
            {
                throw new UsageException($"{option}: the file name is empty; give a path, e.g. {option} {Example(option)}");
            }

            if (path.Contains('\0', StringComparison.Ordinal))
            {
                throw new UsageException($"{option}: the file name contains a NUL character, which no file name can hold");
            }

            var kind = FileStatus.Of(path).Kind;
            if (kind is FileKind.Directory or FileKind.BlockDevice or FileKind.Socket)
            {
                throw new UsageException($"{option} {path}: is a {Describe(kind)}, not a file Pacer can write; give a file name (e.g. {Path.Combine(path, Example(option))})");
            }
        }

        var seen = new List<(string Option, string Path, Identity Identity)>();
        var read = inputs.Select(i => (Path: i, Identity: Identity.Of(i))).ToList();
        foreach (var (option, path) in given)
        {
            var identity = Identity.Of(path);
            if (identity.Status.Kind == FileKind.CharacterDevice)
            {
                continue;
            }

            if (read.FirstOrDefault(i => i.Identity.Same(identity)) is { Path: not null } input)
            {
                throw new UsageException($"{option} {path} is the input file {input.Path}: writing it would destroy what is being read; choose another output file");
            }

            if (seen.FirstOrDefault(s => s.Identity.Same(identity)) is { Path: not null } other)
            {
                throw new UsageException($"{option} {path} and {other.Option} {other.Path} are the same file: one output would overwrite the other; give each its own file");
            }

            seen.Add((option, path, identity));
        }
    }

    private static string Example(string option) => option switch
    {
        "--html" => "report.html",
        "--md" => "summary.md",
        "--junit" => "junit.xml",
        _ => "result.json",
    };

    private static string Describe(FileKind kind) => kind switch
    {
        FileKind.Directory => "folder",
        FileKind.BlockDevice => "block device",
        _ => "socket",
    };

    /// <summary>What makes two paths the same file: its device and inode when it exists, else its full path with links followed.</summary>
    private readonly record struct Identity(FileStatus Status, string RealPath)
    {
        public static Identity Of(string path) => new(FileStatus.Of(path), RealPathOf(path));

        public bool Same(Identity other) =>
            Status.Inode != 0 && other.Status.Inode != 0 ? Status.SameFileAs(other.Status) : string.Equals(RealPath, other.RealPath, StringComparison.Ordinal);

        private static string RealPathOf(string path)
        {
            try
            {
                var final = OutputFile.LinkTarget(path);
                // A link among the folders (e.g. /tmp → /private/tmp) is resolved too, when that folder exists.
                var folder = Path.GetDirectoryName(final);
                return folder is not null && Directory.Exists(folder)
                    ? Path.Combine(new DirectoryInfo(folder).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? folder, Path.GetFileName(final))
                    : final;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
            {
                // A path that cannot be resolved (a loop of links, a bad name) is compared as written; writing it will report the problem.
                return Path.GetFullPath(path);
            }
        }
    }
}
