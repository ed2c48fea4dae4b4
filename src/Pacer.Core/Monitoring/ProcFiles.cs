using System.Globalization;

namespace Pacer.Core.Monitoring;

/// <summary>
/// Reads the /proc files a process watcher needs, under a root that is <c>/proc</c> on a machine and a fixture directory in
/// tests. A file that cannot be read (the process just exited, no permission) reads as null, never as an exception: between
/// listing a process and reading it, it may be gone, and that is not an error.
/// </summary>
internal sealed class ProcFiles(string root)
{
    public string Root { get; } = root;

    /// <summary>Every process's stat line, by pid (one directory listing and one small read per process).</summary>
    public Dictionary<int, ProcStat> AllStats()
    {
        var stats = new Dictionary<int, ProcStat>();
        IEnumerable<string> directories;
        try
        {
            directories = Directory.EnumerateDirectories(Root);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // No /proc at all is the caller's error to report (it checks its own process first); here, nothing to list.
            return stats;
        }

        foreach (var directory in directories)
        {
            var name = Path.GetFileName(directory);
            if (name.Length > 0 && char.IsAsciiDigit(name[0]) && int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && Stat(pid) is { } stat)
            {
                stats[pid] = stat;
            }
        }

        return stats;
    }

    /// <summary>
    /// The pids of <paramref name="pid"/>'s children, from each of its threads' <c>task/TID/children</c> (a child is listed
    /// under the thread that forked it). Null when no such file can be read: a kernel built without CONFIG_PROC_CHILDREN, or a
    /// process that is gone. The kernel documents the list as possibly incomplete while children are being created or exit;
    /// one missed for a second is read again the next, and its CPU since its baseline still counts.
    /// </summary>
    public List<int>? Children(int pid)
    {
        List<string> tasks;
        try
        {
            tasks = [.. Directory.EnumerateDirectories(Path.Combine(Root, Pid(pid), "task"))];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Gone, or no task directory in a fixture: the caller falls back to listing every process.
            return null;
        }

        List<int>? children = null;
        foreach (var task in tasks)
        {
            if (Read(Path.Combine(task, "children")) is not { } text)
            {
                continue;
            }

            children ??= [];
            foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (int.TryParse(word, NumberStyles.None, CultureInfo.InvariantCulture, out var child) && !children.Contains(child))
                {
                    children.Add(child);
                }
            }
        }

        return children;
    }

    public ProcStat? Stat(int pid) => Read(Path.Combine(Root, Pid(pid), "stat")) is { } text ? ProcStat.Parse(text) : null;

    /// <summary>The named <c>key: value</c> lines of a file such as <c>/proc/PID/io</c>, the value's first word as a number.</summary>
    public Dictionary<string, long>? Fields(int pid, string file) => Read(Path.Combine(Root, Pid(pid), file)) is { } text ? KeyValues(text) : null;

    /// <summary>Open file descriptors: the entries of <c>/proc/PID/fd</c>; null when they cannot be listed.</summary>
    public int? OpenFiles(int pid)
    {
        try
        {
            return Directory.EnumerateFileSystemEntries(Path.Combine(Root, Pid(pid), "fd")).Count();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Gone, or not ours to look at: the caller reports fds as unknown.
            return null;
        }
    }

    /// <summary>
    /// The byte counters of every interface of process <paramref name="pid"/>'s network namespace (<c>/proc/PID/net/dev</c>),
    /// by interface name; null when the file cannot be read.
    /// </summary>
    public Dictionary<string, NetDevBytes>? NetDev(int pid) => Read(Path.Combine(Root, Pid(pid), "net", "dev")) is { } text ? ParseNetDev(text) : null;

    /// <summary>
    /// The identity of a process's network namespace, the target of the <c>ns/net</c> link (<c>net:[4026531840]</c>);
    /// <paramref name="process"/> is a pid or <c>self</c>. Null when it cannot be read (gone, or another user's process).
    /// </summary>
    public string? NetNamespace(string process)
    {
        try
        {
            return new FileInfo(Path.Combine(Root, process, "ns", "net")).LinkTarget;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Reading another user's namespace link takes ptrace rights: unknown, and the caller says nothing it cannot know.
            return null;
        }
    }

    /// <summary>
    /// Parses <c>/proc/net/dev</c>: two header lines, then <c>name: rx_bytes rx_packets … (8 receive fields) tx_bytes …</c> per
    /// interface. A line that does not have those fields is skipped (a header, a truncated read).
    /// </summary>
    public static Dictionary<string, NetDevBytes> ParseNetDev(string text)
    {
        var interfaces = new Dictionary<string, NetDevBytes>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n'))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }

            // Old kernels wrote "eth0:1234" with no space after the colon; splitting at the colon reads both.
            var fields = line[(colon + 1)..].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length >= 9
                && long.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var received)
                && long.TryParse(fields[8], NumberStyles.None, CultureInfo.InvariantCulture, out var sent))
            {
                interfaces[line[..colon].Trim()] = new NetDevBytes(received, sent);
            }
        }

        return interfaces;
    }

    /// <summary>The machine's memory (<c>/proc/meminfo</c> MemTotal), bytes.</summary>
    public long? MemTotal() => Read(Path.Combine(Root, "meminfo")) is { } text && KeyValues(text).TryGetValue("MemTotal", out var kb) ? kb * 1024 : null;

    /// <summary>Seconds since boot (<c>/proc/uptime</c>'s first number): the clock a process's start time counts on.</summary>
    public double? Uptime() =>
        Read(Path.Combine(Root, "uptime")) is { } text && double.TryParse(text.Split(' ')[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) ? seconds : null;

    /// <summary>How many CPUs a list like <c>0-3,8,10-11</c> (<c>Cpus_allowed_list</c>) names; null when it is not one.</summary>
    public static int? CountCpus(string list)
    {
        var count = 0;
        foreach (var part in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var range = part.Split('-');
            if (range.Length is < 1 or > 2 || !int.TryParse(range[0], NumberStyles.None, CultureInfo.InvariantCulture, out var first))
            {
                return null;
            }

            var last = first;
            if (range.Length == 2 && (!int.TryParse(range[1], NumberStyles.None, CultureInfo.InvariantCulture, out last) || last < first))
            {
                return null;
            }

            count += last - first + 1;
        }

        return count > 0 ? count : null;
    }

    /// <summary><c>/proc/PID/status</c>, read once: its numbers and the text of <c>Cpus_allowed_list</c>; null when it cannot be read.</summary>
    public ProcStatus? Status(int pid)
    {
        if (Read(Path.Combine(Root, Pid(pid), "status")) is not { } text)
        {
            return null;
        }

        const string Key = "Cpus_allowed_list:";
        var line = text.Split('\n').FirstOrDefault(l => l.StartsWith(Key, StringComparison.Ordinal));
        return new ProcStatus(KeyValues(text), line?[Key.Length..].Trim());
    }

    private static Dictionary<string, long> KeyValues(string text)
    {
        var values = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n'))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }

            var value = line.AsSpan(colon + 1).Trim();
            var space = value.IndexOfAny(' ', '\t');
            if (long.TryParse(space < 0 ? value : value[..space], NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
            {
                values[line[..colon]] = number;
            }
        }

        return values;
    }

    private static string Pid(int pid) => pid.ToString(CultureInfo.InvariantCulture);

    private static string? Read(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A process that exits between listing and reading leaves nothing to read; that is the caller's "gone", not an error.
            return null;
        }
    }
}
