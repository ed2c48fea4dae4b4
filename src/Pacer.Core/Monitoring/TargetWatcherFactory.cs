using Pacer.Core.Plans;

namespace Pacer.Core.Monitoring;

/// <summary>
/// Turns a plan's <see cref="WatchSpec"/> into the watchers the engine runs (<c>EngineOptions.Watchers</c>),
/// after checking, before any load is sent, that each source can be watched at all: a pid that is not running or a path that
/// is not a cgroup is refused with every problem named at once.
/// </summary>
public static class TargetWatcherFactory
{
    /// <summary>The watchers for <paramref name="spec"/>, in the order the sources are listed in docs/plan-reference.md#watch.</summary>
    /// <param name="spec">The plan's section with the flags laid over it.</param>
    /// <returns>One watcher per source; empty when nothing is to be watched.</returns>
    /// <exception cref="TargetWatchException">A source cannot be watched; no watcher was created.</exception>
    public static IReadOnlyList<ITargetWatcher> Create(WatchSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var problems = Problems(spec);
        if (problems.Count > 0)
        {
            throw new TargetWatchException(problems);
        }

        var watchers = new List<ITargetWatcher>();
        if (spec.Pid is { } pid)
        {
            watchers.Add(new ProcessWatcher(pid));
        }

        if (spec.Cgroup is { } cgroup)
        {
            watchers.Add(new CgroupWatcher(cgroup));
        }

        return watchers;
    }

    /// <summary>Everything that stops <paramref name="spec"/> from being watched, each naming its key.</summary>
    private static List<string> Problems(WatchSpec spec)
    {
        var problems = new List<string>();
        if (spec.Command is null)
        {
            // These only say how to start and stop a command; without one they would be silently ignored.
            var orphans = new List<string>();
            if (spec.Ready is not null)
            {
                orphans.Add("ready");
            }

            if (spec.ReadyTimeout != WatchSpec.DefaultReadyTimeout)
            {
                orphans.Add("ready_timeout");
            }

            if (spec.StopGrace != WatchSpec.DefaultStopGrace)
            {
                orphans.Add("stop_grace");
            }

            if (spec.Environment.Count > 0)
            {
                orphans.Add("env");
            }

            if (orphans.Count > 0)
            {
                problems.Add($"watch.{string.Join(", watch.", orphans)} {(orphans.Count == 1 ? "applies" : "apply")} to a command Pacer starts, and there is none: add watch.command or --watch-cmd");
            }
        }

        // A command makes no watcher here: it must run first. Its starter (ServiceProcess, in pacer run's pipeline) adds a
        // ServiceWatcher for the started service.

        if (spec.Pid is { } pid)
        {
            if (WatchSpec.PidProblem(pid) is { } problem)
            {
                problems.Add($"watch.pid: {problem}");
            }
            else if (!OperatingSystem.IsLinux())
            {
                problems.Add("watch.pid: watching a process reads Linux's /proc, and this is not Linux");
            }
            else if (!ProcessWatcher.IsRunning(pid))
            {
                problems.Add($"watch.pid: process {pid} is not running (pgrep NAME or systemctl show -p MainPID UNIT gives a service's pid)");
            }
        }

        if (spec.Cgroup is { } cgroup)
        {
            if ((WatchSpec.CgroupProblem(cgroup) ?? CgroupWatcher.Problem(cgroup)) is { } problem)
            {
                problems.Add($"watch.cgroup: {problem}");
            }
        }

        if (spec.Dotnet is { Enabled: true })
        {
            problems.Add(NotInThisBuild("dotnet"));
        }

        if (spec.Metrics is not null)
        {
            problems.Add(NotInThisBuild("metrics"));
        }

        if (spec.Prometheus is not null)
        {
            problems.Add(NotInThisBuild("prometheus"));
        }

        return problems;
    }

    /// <summary>A source whose watcher is built elsewhere and not part of this build (each is wired in where it is built).</summary>
    private static string NotInThisBuild(string key) => $"watch.{key} is not available in this build";
}
