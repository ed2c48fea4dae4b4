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

        var published = DiagnosticsClient.GetPublishedProcesses().ToHashSet();
        var children = OperatingSystem.IsLinux() ? ChildrenByParent() : [];
        var queue = new Queue<int>([processId]);
        var seen = new HashSet<int>();
        while (queue.TryDequeue(out var pid))
        {
            if (!seen.Add(pid))
            {
                continue;
            }

            if (published.Contains(pid))
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

    private static bool Published(int processId) => DiagnosticsClient.GetPublishedProcesses().Contains(processId);

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
            if (!int.TryParse(Path.GetFileName(folder), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(folder, "stat"));
            }
            catch (IOException)
            {
                // The process exited between listing and reading: it has no children to find.
                continue;
            }
            catch (UnauthorizedAccessException)
            {
                // Not ours to read: it is left out of the tree, as a process Pacer could not watch either.
                continue;
            }

            // "pid (comm) state ppid …": comm may hold spaces and parentheses, so the fields start after the last ')'.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            if (fields.Length > 1 && int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var parent))
            {
                if (!children.TryGetValue(parent, out var list))
                {
                    children[parent] = list = [];
                }

                list.Add(pid);
            }
        }

        return children;
    }
}
