using Pacer.Core.Monitoring.Prometheus;
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

        if (spec.Metrics is { } metrics)
        {
            watchers.Add(new MetricsEndpointWatcher(metrics.Url, [.. metrics.Select.Select(s => MetricSelection.Parse(s))]));
        }

        if (spec.Prometheus is { } prometheus)
        {
            watchers.Add(new PrometheusQueryWatcher(prometheus.Url, prometheus.Queries));
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

        // watch.dotnet is not made here: its watcher brings the diagnostics packages, so it lives in Pacer.Watchers.Dotnet and
        // pacer run's pipeline adds it (for the watched process too, which for a command exists only once it has started).

        if (spec.Metrics is { } metrics)
        {
            foreach (var select in metrics.Select)
            {
                try
                {
                    MetricSelection.Parse(select);
                }
                catch (FormatException e)
                {
                    problems.Add($"watch.metrics.select: {e.Message}");
                }
            }

            if (UrlProblem(metrics.Url) is { } problem)
            {
                problems.Add($"watch.metrics.url: {problem}");
            }
        }

        if (spec.Prometheus is { } prometheus)
        {
            if (UrlProblem(prometheus.Url) is { } problem)
            {
                problems.Add($"watch.prometheus.url: {problem}");
            }

            var names = prometheus.Queries.GroupBy(q => q.Key, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
            if (names.Count > 0)
            {
                problems.Add($"watch.prometheus.queries: {string.Join(", ", names)} named more than once; each query's name is its metric's");
            }
        }

        return problems;
    }

    /// <summary>Why <paramref name="url"/> cannot be scraped or queried over HTTP; null when it can.</summary>
    private static string? UrlProblem(Uri url) =>
        url.IsAbsoluteUri && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)
            ? null
            : $"'{url}' is not an http:// or https:// URL";
}
