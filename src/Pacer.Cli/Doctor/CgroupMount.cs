namespace Pacer.Cli.Doctor;

/// <summary>One line of /proc/self/mountinfo: "id parent dev root point options [tags] - type source super-options".</summary>
/// <param name="Root">The folder of the mounted file system shown at <paramref name="Point"/> (a cgroup hierarchy's path).</param>
/// <param name="Point">Where it is mounted.</param>
/// <param name="Type">The file system type: cgroup2, cgroup (v1) …</param>
/// <param name="Options">The super-block options; a v1 cgroup mount names its controllers here ("rw,cpu,cpuacct").</param>
internal sealed record CgroupMount(string Root, string Point, string Type, string Options)
{
    /// <summary>The mount a line describes, or null when it is not a mountinfo line.</summary>
    public static CgroupMount? Parse(string line)
    {
        var halves = line.Split(" - ", 2);
        var left = halves[0].Split(' ');
        var right = halves.Length == 2 ? halves[1].Split(' ') : [];
        return left.Length >= 5 && right.Length >= 3 ? new(Unescape(left[3]), Unescape(left[4]), right[0], right[2]) : null;
    }

    // The kernel writes space, tab, newline and backslash in paths as octal escapes.
    private static string Unescape(string path) =>
        path.Replace("\\040", " ", StringComparison.Ordinal).Replace("\\011", "\t", StringComparison.Ordinal)
            .Replace("\\012", "\n", StringComparison.Ordinal).Replace("\\134", "\\", StringComparison.Ordinal);
}
