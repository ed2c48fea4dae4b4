using System.Diagnostics;
using System.Globalization;
using Microsoft.Diagnostics.NETCore.Client;

namespace Pacer.Watchers.Dotnet;

/// <summary>Tells whether a process is a .NET runtime that Pacer can read counters from (docs/watching.md#net-targets).</summary>
public static class DotnetProcess
{
    /// <summary>
    /// True when <paramref name="processId"/> is a live .NET process with a diagnostic port Pacer can reach (on Linux the IPC
    /// socket <c>dotnet-diagnostic-{pid}-*-socket</c> in the target's temporary folder).
    /// </summary>
    /// <param name="processId">The process to look at.</param>
    public static bool IsDotnet(int processId) => Problem(processId) is null;

    /// <summary>
    /// Why <paramref name="processId"/> cannot be watched as a .NET process, as a sentence for the user (<c>pid 1234 is not a .NET
    /// process with a diagnostic port (DOTNET_EnableDiagnostics=0?)</c>); null when it can.
    /// </summary>
    /// <param name="processId">The process to look at.</param>
    public static string? Problem(int processId)
    {
        if (processId <= 0)
        {
            return $"{processId} is not a process id (a positive number)";
        }

        if (!Exists(processId))
        {
            return $"pid {processId}: no such process";
        }

        return Published(processId)
            ? null
            : $"pid {processId} is not a .NET process with a diagnostic port (DOTNET_EnableDiagnostics=0?)";
    }

    /// <summary>
    /// The first .NET process among <paramref name="processId"/> and its descendants (itself first, then breadth first), or
    /// null: a service started through a shell or a launcher runs its runtime in a child process.
    /// </summary>
    /// <param name="processId">The root of the process tree to look in.</param>
    public static int? FindInTree(int processId)
    {
        if (processId <= 0 || !Exists(processId))
        {
            return null;
        }

        var children = OperatingSystem.IsLinux() ? ChildrenByParent() : [];
        var queue = new Queue<int>([processId]);
        var seen = new HashSet<int>();
        while (queue.TryDequeue(out var pid))
        {
            if (!seen.Add(pid))
            {
                continue;
            }

            if (Published(pid))
            {
                return pid;
            }

            foreach (var child in children.GetValueOrDefault(pid) ?? [])
            {
                queue.Enqueue(child);
            }
        }

        return null;
    }

    /// <summary>
    /// Whether <paramref name="processId"/> publishes a diagnostic port. On Linux the runtime names its socket
    /// <c>dotnet-diagnostic-{pid}-{start}-socket</c>, {start} being the process's start time in clock ticks since boot (field 22
    /// of <c>/proc/PID/stat</c>), and a runtime that was killed leaves its socket behind: the pid alone then matches whichever
    /// process gets that pid next (a shell's <c>sleep</c> was taken for .NET). So the start time must match too.
    /// </summary>
    /// <remarks>
    /// The socket is looked for where the target puts it: its own <c>TMPDIR</c> (from <c>/proc/PID/environ</c>, readable for
    /// the same user), that folder or <c>/tmp</c> seen through <c>/proc/PID/root</c> (a target in its own mount namespace), and
    /// this process's temporary folder.
    /// </remarks>
    internal static bool Published(int processId)
    {
        if (!OperatingSystem.IsLinux())
        {
            return DiagnosticsClient.GetPublishedProcesses().Contains(processId);
        }

        if (StartTicks(processId) is not { } start)
        {
            return false;
        }

        var theirs = TempFolderOf(processId);
        string[] folders = [theirs ?? Path.GetTempPath(), $"/proc/{processId}/root{theirs ?? "/tmp"}", Path.GetTempPath()];
        return folders.Any(folder => File.Exists(SocketPath(folder, processId, start)));
    }

    /// <summary>The <c>TMPDIR</c> in process <paramref name="processId"/>'s environment; null when it has none or it cannot be read.</summary>
    private static string? TempFolderOf(int processId)
    {
        try
        {
            var environment = File.ReadAllText($"/proc/{processId}/environ");
            return environment.Split('\0').FirstOrDefault(v => v.StartsWith("TMPDIR=", StringComparison.Ordinal)) is { Length: > 7 } entry ? entry[7..] : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Another user's process: its environment is private; the usual folders are looked in.
            return null;
        }
    }

    /// <summary>Where the runtime of process <paramref name="processId"/>, started at <paramref name="startTicks"/>, puts its diagnostic socket.</summary>
    internal static string SocketPath(string tempFolder, int processId, long startTicks) =>
        Path.Combine(tempFolder, string.Create(CultureInfo.InvariantCulture, $"dotnet-diagnostic-{processId}-{startTicks}-socket"));

    /// <summary>The start time of <paramref name="processId"/> in clock ticks since boot (field 22 of <c>/proc/PID/stat</c>); null when it cannot be read.</summary>
    internal static long? StartTicks(int processId) =>
        StatFields(processId) is { Length: > 19 } fields && long.TryParse(fields[19], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) ? ticks : null;

    private static bool Exists(int processId)
    {
        if (OperatingSystem.IsLinux())
        {
            return Directory.Exists($"/proc/{processId}");
        }

        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            // GetProcessById's way of saying there is no such process: an answer, not a failure.
            return false;
        }
    }

    /// <summary>Every process's children, from the parent field of <c>/proc/PID/stat</c>.</summary>
    private static Dictionary<int, List<int>> ChildrenByParent()
    {
        var children = new Dictionary<int, List<int>>();
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            // A process that exited between listing and reading, or one not ours to read, is left out of the tree: it has no
            // children to find, or is one Pacer could not watch either.
            if (!int.TryParse(Path.GetFileName(folder), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                || StatFields(pid) is not { Length: > 1 } fields
                || !int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var parent))
            {
                continue;
            }

            if (!children.TryGetValue(parent, out var list))
            {
                children[parent] = list = [];
            }

            list.Add(pid);
        }

        return children;
    }

    /// <summary>
    /// The fields of <c>/proc/PID/stat</c> after the command name (<c>state ppid …</c>: the name may hold spaces and parentheses,
    /// so they start after the last ')'); null when the file cannot be read (the process is gone, or not ours to look at).
    /// </summary>
    private static string[]? StatFields(int processId)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{processId}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Said by the null: the callers treat the process as one they cannot look at.
            return null;
        }
    }
}
