using System.Diagnostics;
using Pacer.Core.Monitoring;
using Pacer.Core.Plans;

namespace Pacer.Core.Tests.Monitoring;

public sealed class TargetWatcherFactoryTests
{
    [Fact]
    public async Task Create_PidAndCgroup_GiveTheirWatchers()
    {
        var cgroup = Directory.CreateTempSubdirectory("pacer-cg-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(cgroup, "cgroup.controllers"), "");
            var watchers = TargetWatcherFactory.Create(new WatchSpec { Pid = Environment.ProcessId, Cgroup = cgroup });

            Assert.Equal([new TargetSource("pid", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)), new TargetSource("cgroup", cgroup)], watchers.Select(w => w.Source));
            Assert.IsType<ProcessWatcher>(watchers[0]);
            Assert.IsType<CgroupWatcher>(watchers[1]);
            foreach (var watcher in watchers)
            {
                await watcher.DisposeAsync();
            }
        }
        finally
        {
            Directory.Delete(cgroup, recursive: true);
        }
    }

    [Fact]
    public void Create_Nothing_GivesNoWatchers() => Assert.Empty(TargetWatcherFactory.Create(new WatchSpec()));

    [Fact]
    public async Task Create_PidNotRunning_IsRefused()
    {
        using var exited = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        await exited.WaitForExitAsync();

        var error = Assert.Throws<TargetWatchException>(() => TargetWatcherFactory.Create(new WatchSpec { Pid = exited.Id }));

        Assert.Equal($"watch.pid: process {exited.Id} is not running (pgrep NAME or systemctl show -p MainPID UNIT gives a service's pid)", Assert.Single(error.Problems));
    }

    [Fact]
    public void Create_EveryProblem_IsNamedAtOnce()
    {
        var spec = new WatchSpec
        {
            Ready = new Uri("http://127.0.0.1:1/health"),
            StopGrace = TimeSpan.FromSeconds(1),
            Pid = 0,
            Cgroup = "/definitely/not/a/cgroup",
            Dotnet = new WatchDotnetSpec(true),
            Metrics = new WatchMetricsSpec(new Uri("ftp://127.0.0.1:1/metrics"), ["ok_total", "bad{code=\"5\""]),
            Prometheus = new WatchPrometheusSpec(new Uri("http://127.0.0.1:1"), [new("a", "up"), new("a", "down")]),
        };

        var error = Assert.Throws<TargetWatchException>(() => TargetWatcherFactory.Create(spec));

        Assert.Equal(
            [
                "watch.ready, watch.stop_grace apply to a command Pacer starts, and there is none: add watch.command or --watch-cmd",
                "watch.pid: 0 is not a process id (they run from 1 to 4,194,304)",
                "watch.cgroup: /definitely/not/a/cgroup does not exist",
                error.Problems[3],
                "watch.metrics.url: 'ftp://127.0.0.1:1/metrics' is not an http:// or https:// URL",
                "watch.prometheus.queries: a named more than once; each query's name is its metric's",
            ],
            error.Problems);

        // The selection's own parser names what is wrong with it; .NET counters are added by pacer run's pipeline, not here.
        Assert.StartsWith("watch.metrics.select: ", error.Problems[3], StringComparison.Ordinal);
        Assert.Equal(string.Join(Environment.NewLine, error.Problems), error.Message);
        // A command is started, then watched, by pacer run's pipeline (ServiceProcess, ServiceWatcher): no watcher here.
        Assert.Empty(TargetWatcherFactory.Create(new WatchSpec { Command = "x" }));
        Assert.Empty(TargetWatcherFactory.Create(new WatchSpec { Dotnet = new WatchDotnetSpec(false) }));
    }
}
