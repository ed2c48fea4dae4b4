using System.Collections.ObjectModel;

namespace Pacer.Core.Plans;

/// <summary>
/// The plan's <c>watch:</c> section (and the <c>--watch-*</c> flags laid over it): what Pacer watches of the service under load
/// while the plan runs. Several sources may be watched at once; each becomes one or more target watchers
/// (<c>TargetWatcherFactory</c>) whose readings fill the result's <c>target</c> section. docs/plan-reference.md#watch.
/// </summary>
public sealed record WatchSpec
{
    /// <summary>The most a pid can be on Linux (<c>PID_MAX_LIMIT</c>, 2^22): a larger number is a typing mistake.</summary>
    public const int MaxPid = 4_194_304;

    /// <summary>The default of <see cref="ReadyTimeout"/>.</summary>
    public static readonly TimeSpan DefaultReadyTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The default of <see cref="StopGrace"/>.</summary>
    public static readonly TimeSpan DefaultStopGrace = TimeSpan.FromSeconds(5);

    /// <summary>A command line Pacer starts the service with, and stops after the run (<c>command</c>, <c>--watch-cmd</c>).</summary>
    public string? Command { get; init; }

    /// <summary>A URL polled after starting <see cref="Command"/> until it answers 2xx; load starts then (<c>ready</c>, <c>--watch-ready</c>).</summary>
    public Uri? Ready { get; init; }

    /// <summary>How long to wait for <see cref="Ready"/> before giving up (<c>ready_timeout</c>).</summary>
    public TimeSpan ReadyTimeout { get; init; } = DefaultReadyTimeout;

    /// <summary>How long the started service has after SIGTERM before SIGKILL (<c>stop_grace</c>).</summary>
    public TimeSpan StopGrace { get; init; } = DefaultStopGrace;

    /// <summary>Environment variables the started service gets on top of Pacer's own (<c>env</c>).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = ReadOnlyDictionary<string, string>.Empty;

    /// <summary>A running process to watch with its descendants (<c>pid</c>, <c>--watch-pid</c>).</summary>
    public int? Pid { get; init; }

    /// <summary>A cgroup v2 directory to watch, e.g. <c>/sys/fs/cgroup/system.slice/app.service</c> (<c>cgroup</c>, <c>--watch-cgroup</c>).</summary>
    public string? Cgroup { get; init; }

    /// <summary>.NET runtime counters (<c>dotnet</c>, <c>--watch-dotnet</c>); null when the plan says nothing (automatic for a .NET target).</summary>
    public WatchDotnetSpec? Dotnet { get; init; }

    /// <summary>A Prometheus text endpoint of the service, scraped every second (<c>metrics</c>, <c>--watch-metrics</c>).</summary>
    public WatchMetricsSpec? Metrics { get; init; }

    /// <summary>A Prometheus server queried over the run's time range after the run (<c>prometheus</c>).</summary>
    public WatchPrometheusSpec? Prometheus { get; init; }

    /// <summary>Why <paramref name="pid"/> cannot be a process id (<c>watch.pid</c>, <c>--watch-pid</c>), or null when it can.</summary>
    /// <param name="pid">The number given.</param>
    public static string? PidProblem(long pid) =>
        pid is < 1 or > MaxPid ? $"{pid} is not a process id (they run from 1 to {MaxPid:N0})" : null;

    /// <summary>Why <paramref name="path"/> cannot name a cgroup (<c>watch.cgroup</c>, <c>--watch-cgroup</c>), or null when it can: it must be absolute.</summary>
    /// <param name="path">The path given.</param>
    public static string? CgroupProblem(string path) =>
        string.IsNullOrWhiteSpace(path) ? "the cgroup path is empty"
        : !path.StartsWith('/') ? $"'{path}' is not an absolute path (a cgroup v2 directory, e.g. /sys/fs/cgroup/system.slice/app.service)"
        : path.Contains('\0', StringComparison.Ordinal) ? "the cgroup path contains a NUL character"
        : null;

    /// <summary>The URL <paramref name="text"/> stands for when it is an absolute http:// or https:// URL (<c>ready</c>, <c>metrics.url</c> …), else null.</summary>
    /// <param name="text">The text given.</param>
    public static Uri? HttpUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) ? uri : null;

    /// <summary>True when nothing is to be watched.</summary>
    public bool IsEmpty => Command is null && Pid is null && Cgroup is null && Dotnet is null or { Enabled: false } && Metrics is null && Prometheus is null;
}
