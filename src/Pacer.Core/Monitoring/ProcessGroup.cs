using System.Globalization;

namespace Pacer.Core.Monitoring;

/// <summary>
/// What /proc says about the process group of a service Pacer started (its leader's pid is the group's id, as
/// <c>setsid</c> made it): who is in it, and which TCP ports it listens on — the readiness signal when no ready URL is given.
/// </summary>
internal static class ProcessGroup
{
    /// <summary>The session and process group of <paramref name="pid"/> from /proc/PID/stat; null when it is gone.</summary>
    public static (int Session, int Group)? Ids(int pid)
    {
        var stat = Read($"/proc/{pid}/stat");
        if (stat is null)
        {
            return null;
        }

        // The command name (field 2) is in parentheses and may hold spaces or ')': fields are counted after the last ')'.
        // After it: state, ppid, pgrp, session.
        var fields = stat[(stat.LastIndexOf(')') + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return fields.Length > 3
            && int.TryParse(fields[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out var group)
            && int.TryParse(fields[3], NumberStyles.Integer, CultureInfo.InvariantCulture, out var session)
            ? (session, group)
            : null;
    }

    /// <summary>Every live process of group <paramref name="group"/>.</summary>
    public static IReadOnlyList<int> Members(int group)
    {
        var members = new List<int>();
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(folder), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && Ids(pid)?.Group == group)
            {
                members.Add(pid);
            }
        }

        return members;
    }

    /// <summary>The TCP ports (v4 and v6) some process of group <paramref name="group"/> listens on, in ascending order.</summary>
    public static IReadOnlyList<int> ListeningPorts(int group)
    {
        var members = Members(group);
        var sockets = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pid in members)
        {
            try
            {
                foreach (var fd in Directory.EnumerateFileSystemEntries($"/proc/{pid}/fd"))
                {
                    if (new FileInfo(fd).LinkTarget is { } target && target.StartsWith("socket:[", StringComparison.Ordinal))
                    {
                        sockets.Add(target["socket:[".Length..^1]);
                    }
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The process ended while being read, or its descriptors are not ours to see: it holds no socket we can use.
            }
        }

        if (sockets.Count == 0)
        {
            return [];
        }

        // The tables of the service's network namespace, read through one of its processes.
        var ports = new SortedSet<int>();
        foreach (var table in new[] { "tcp", "tcp6" })
        {
            var text = Read($"/proc/{members[0]}/net/{table}");
            foreach (var line in text?.Split('\n').Skip(1) ?? [])
            {
                // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode; st 0A is LISTEN.
                var columns = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (columns.Length > 9 && columns[3] == "0A" && sockets.Contains(columns[9])
                    && int.TryParse(columns[1][(columns[1].LastIndexOf(':') + 1)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var port))
                {
                    ports.Add(port);
                }
            }
        }

        return [.. ports];
    }

    private static string? Read(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The process is gone (or not ours to read): the caller sees "no such process".
            return null;
        }
    }
}
