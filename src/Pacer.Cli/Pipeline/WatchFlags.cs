using System.CommandLine;
using System.Globalization;
using Pacer.Core.Plans;

namespace Pacer.Cli.Pipeline;

/// <summary>
/// The <c>--watch-*</c> flags of <c>pacer run</c>: each overrides the plan's <c>watch:</c> key of the same name or adds the
/// source when the plan has none (docs/plan-reference.md#watch).
/// </summary>
internal sealed class WatchFlags
{
    private readonly Option<string?> command = new("--watch-cmd") { Description = "Start the service with this command line before load, watch it, and stop it after the run (plan key watch.command)." };
    private readonly Option<string?> ready = new("--watch-ready") { Description = "With --watch-cmd: a URL polled until it answers 2xx before load starts (watch.ready)." };
    private readonly Option<string?> pid = new("--watch-pid") { Description = "Watch this running process and its children: CPU, memory, threads, files, context switches, disk (watch.pid)." };
    private readonly Option<string?> cgroup = new("--watch-cgroup") { Description = "Watch this cgroup v2 directory: CPU and throttling, memory and its limit, OOM kills, pressure (watch.cgroup)." };
    private readonly Option<string?> dotnet = new("--watch-dotnet") { Description = "Read the .NET runtime counters (GC, thread pool, exceptions) of this process (watch.dotnet)." };
    private readonly Option<string?> metrics = new("--watch-metrics") { Description = "Scrape this Prometheus text endpoint of the service every second (watch.metrics.url)." };

    public IReadOnlyList<Option> All => [command, ready, pid, cgroup, dotnet, metrics];

    /// <summary>The plan with the flags laid over its <c>watch:</c> section; throws <see cref="UsageException"/> for a value that cannot be right.</summary>
    public LoadPlan Apply(LoadPlan plan, ParseResult parse)
    {
        var given = All.Any(o => parse.GetResult(o) is { Implicit: false });
        if (!given)
        {
            return plan;
        }

        var spec = plan.Watch ?? new WatchSpec();
        if (parse.GetValue(command) is { } line)
        {
            spec = spec with { Command = string.IsNullOrWhiteSpace(line) ? throw new UsageException("--watch-cmd is empty: give the command line that starts the service") : line };
        }

        if (parse.GetValue(ready) is { } readyUrl)
        {
            spec = spec with { Ready = Url(readyUrl, "--watch-ready", "http://127.0.0.1:8080/health") };
        }

        if (parse.GetValue(pid) is { } pidText)
        {
            spec = spec with { Pid = Pid(pidText, "--watch-pid") };
        }

        if (parse.GetValue(cgroup) is { } path)
        {
            spec = spec with { Cgroup = WatchSpec.CgroupProblem(path) is { } problem ? throw new UsageException($"--watch-cgroup: {problem}") : path };
        }

        if (parse.GetValue(dotnet) is { } dotnetPid)
        {
            spec = spec with { Dotnet = new WatchDotnetSpec(true, Pid(dotnetPid, "--watch-dotnet")) };
        }

        if (parse.GetValue(metrics) is { } metricsUrl)
        {
            spec = spec with { Metrics = new WatchMetricsSpec(Url(metricsUrl, "--watch-metrics", "http://127.0.0.1:8080/metrics"), spec.Metrics?.Select ?? []) };
        }

        return plan with { Watch = spec };
    }

    private static int Pid(string text, string flag)
    {
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            throw new UsageException($"{flag} '{text}' is not a process id (a whole number, e.g. from pgrep)");
        }

        return WatchSpec.PidProblem(value) is { } problem ? throw new UsageException($"{flag}: {problem}") : (int)value;
    }

    private static Uri Url(string text, string flag, string example) =>
        WatchSpec.HttpUrl(text) ?? throw new UsageException($"{flag} '{text}' is not an absolute http:// or https:// URL (e.g. {example})");
}
