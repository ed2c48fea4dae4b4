using Pacer.Core.Monitoring;
using Pacer.Core.Plans;
using Pacer.Watchers.Dotnet;

namespace Pacer.Cli.Pipeline;

/// <summary>
/// Adds the .NET runtime's counters (<c>watch.dotnet</c>, <c>--watch-dotnet</c>) to a run: for a pid given outright, for the
/// watched process when <c>dotnet: true</c>, and by itself whenever the watched process — or a process under it, as when a
/// shell or a launcher starts the runtime — is .NET with a diagnostic port, unless <c>dotnet: false</c>. It lives here, not in
/// Core's <see cref="TargetWatcherFactory"/>, because its watcher brings the diagnostics packages (Pacer.Watchers.Dotnet).
/// </summary>
internal static class DotnetWatching
{
    /// <summary>The .NET watcher for a process known before anything starts; null when there is none to add (yet).</summary>
    /// <exception cref="UsageException">A process named for .NET counters cannot give them.</exception>
    public static ITargetWatcher? BeforeStart(WatchSpec spec)
    {
        switch (spec.Dotnet)
        {
            case { Enabled: false }:
                return null;
            case { Enabled: true, Pid: { } pid }:
                return DotnetProcess.Problem(pid) is { } problem
                    ? throw new UsageException($"watch.dotnet: {problem}")
                    : new DotnetWatcher(pid);
            case { Enabled: true } when spec.Pid is { } watched:
                return DotnetProcess.FindInTree(watched) is { } found
                    ? new DotnetWatcher(found)
                    : throw new UsageException($"watch.dotnet: {DotnetProcess.Problem(watched)}");
            case { Enabled: true } when spec.Command is null:
                throw new UsageException("watch.dotnet: true reads the watched process's runtime, and no process is watched: add watch.pid or watch.command (--watch-pid, --watch-cmd), or give the .NET process's pid (--watch-dotnet PID)");
            case { Enabled: true }:
                // The command's process exists only once it has started: AfterStart adds it.
                return null;
            default:
                return spec.Pid is { } pid2 && DotnetProcess.FindInTree(pid2) is { } auto ? new DotnetWatcher(auto) : null;
        }
    }

    /// <summary>The .NET watcher for the service Pacer started, when it (or a process under it) is .NET; null otherwise.</summary>
    /// <exception cref="UsageException"><c>dotnet: true</c> named the started service, and it is not a .NET process with a diagnostic port.</exception>
    public static ITargetWatcher? AfterStart(WatchSpec? spec, int servicePid)
    {
        var dotnet = spec?.Dotnet;
        // Automatic, or `dotnet: true` with no other process to read it from (BeforeStart took a pid given outright or by watch.pid).
        var forService = dotnet is null || (dotnet is { Enabled: true, Pid: null } && spec!.Pid is null);
        if (!forService)
        {
            return null;
        }

        if (DotnetProcess.FindInTree(servicePid) is { } found)
        {
            return new DotnetWatcher(found);
        }

        return dotnet is { Enabled: true }
            ? throw new UsageException($"watch.dotnet: the service Pacer started is not .NET or cannot be watched: {DotnetProcess.Problem(servicePid)}")
            : null;
    }
}
