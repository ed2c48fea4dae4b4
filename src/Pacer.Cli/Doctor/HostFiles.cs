namespace Pacer.Cli.Doctor;

/// <summary>
/// The machine's /proc and /sys, read under a root: "/" for the real machine, a folder of fixture files in tests, so every
/// check is tested on the values it judges without depending on the machine the tests run on.
/// </summary>
internal sealed class HostFiles(string root)
{
    /// <summary>The real machine.</summary>
    public static HostFiles ThisMachine { get; } = new("/");

    /// <summary>The folder absolute paths are read under.</summary>
    public string Root { get; } = root;

    /// <summary>The path on disk of <paramref name="path"/> (absolute, as on the real machine).</summary>
    public string Locate(string path) => Path.Join(Root, path.TrimStart('/'));

    /// <summary>The text of <paramref name="path"/>, trimmed; null when it is absent or cannot be read.</summary>
    public string? Read(string path)
    {
        try
        {
            return File.ReadAllText(Locate(path)).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Absent or unreadable is an answer here (a VM without cpufreq, a container without /sys): the check says "unknown".
            return null;
        }
    }

    /// <summary>The directories in <paramref name="path"/> whose names match <paramref name="pattern"/>, as absolute machine paths, sorted.</summary>
    public IReadOnlyList<string> Directories(string path, string pattern)
    {
        var folder = Locate(path);
        try
        {
            return Directory.Exists(folder)
                ? [.. Directory.GetDirectories(folder, pattern).Select(d => path.TrimEnd('/') + "/" + Path.GetFileName(d)).Order(StringComparer.Ordinal)]
                : [];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // An unlistable folder reads as an empty one: the check that needed it says "unknown".
            return [];
        }
    }
}
