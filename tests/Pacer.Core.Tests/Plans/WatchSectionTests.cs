using Pacer.Core.Plans;

namespace Pacer.Core.Tests.Plans;

public sealed class WatchSectionTests
{
    private const string Head = """
        target: http://127.0.0.1:8080
        requests: [{ path: / }]
        load: { model: open, stages: [{ duration: 1s, target: 1 }] }

        """;

    [Fact]
    public void Parse_EveryKey_IsRead()
    {
        var plan = PlanParser.Parse(Head + """
            watch:
              command: "path/to/service --port 8080"
              ready: http://127.0.0.1:8080/health
              ready_timeout: 45s
              stop_grace: 2s
              env: { KEY: value, PORT: 8080 }
              pid: 1234
              cgroup: /sys/fs/cgroup/system.slice/app.service
              dotnet: true
              metrics: { url: http://127.0.0.1:8080/metrics, select: ["http_requests_total", 'process_resident_memory_bytes{job="a"}'] }
              prometheus: { url: http://127.0.0.1:9090, queries: { api_p99: 'histogram_quantile(0.99, x)', cpu: 'rate(y[1m])' } }
            """, "plan.yaml");

        var watch = Assert.IsType<WatchSpec>(plan.Watch);
        Assert.Equal("path/to/service --port 8080", watch.Command);
        Assert.Equal(new Uri("http://127.0.0.1:8080/health"), watch.Ready);
        Assert.Equal(TimeSpan.FromSeconds(45), watch.ReadyTimeout);
        Assert.Equal(TimeSpan.FromSeconds(2), watch.StopGrace);
        Assert.Equal(new Dictionary<string, string> { ["KEY"] = "value", ["PORT"] = "8080" }, watch.Environment);
        Assert.Equal(1234, watch.Pid);
        Assert.Equal("/sys/fs/cgroup/system.slice/app.service", watch.Cgroup);
        Assert.Equal(new WatchDotnetSpec(true), watch.Dotnet);
        Assert.Equal(new Uri("http://127.0.0.1:8080/metrics"), watch.Metrics!.Url);
        Assert.Equal(["http_requests_total", "process_resident_memory_bytes{job=\"a\"}"], watch.Metrics.Select);
        Assert.Equal(new Uri("http://127.0.0.1:9090"), watch.Prometheus!.Url);
        Assert.Equal([new("api_p99", "histogram_quantile(0.99, x)"), new("cpu", "rate(y[1m])")], watch.Prometheus.Queries);
        Assert.False(watch.IsEmpty);
    }

    [Fact]
    public void Parse_Defaults_AndNoSection()
    {
        var watch = PlanParser.Parse(Head + "watch: { pid: 1, dotnet: 77, metrics: { url: 'http://h:1/m' } }", "plan.yaml").Watch!;

        Assert.Equal(WatchSpec.DefaultReadyTimeout, watch.ReadyTimeout);
        Assert.Equal(TimeSpan.FromSeconds(30), watch.ReadyTimeout);
        Assert.Equal(TimeSpan.FromSeconds(5), watch.StopGrace);
        Assert.Empty(watch.Environment);
        Assert.Null(watch.Command);
        Assert.Equal(new WatchDotnetSpec(true, 77), watch.Dotnet);
        Assert.Empty(watch.Metrics!.Select);
        Assert.Null(PlanParser.Parse(Head, "plan.yaml").Watch);
        Assert.Equal(new WatchDotnetSpec(false), PlanParser.Parse(Head + "watch: { pid: 2, dotnet: false }", "plan.yaml").Watch!.Dotnet);
        Assert.True(new WatchSpec { Dotnet = new WatchDotnetSpec(false) }.IsEmpty);
    }

    [Fact]
    public void Parse_EveryMistake_IsReportedAtOnceWithItsPlace()
    {
        var error = Assert.Throws<PlanException>(() => PlanParser.Parse(Head + """
            watch:
              comand: x
              ready: localhost:8080/health
              ready_timeout: 0s
              stop_grace: 5
              env: { "1BAD": x, OK: [1] }
              pid: 0
              cgroup: system.slice/app.service
              dotnet: maybe
              metrics: { select: "bad name" }
              prometheus: { url: http://p:9090, queries: { "9x": q, ok: "" } }
            """, "plan.yaml"));

        var lines = error.Errors.Select(e => e.ToString()).ToList();
        Assert.Equal(
            [
                "plan.yaml:5:3: unknown key 'comand' in watch (did you mean 'command'?)",
                "plan.yaml:6:10: watch.ready 'localhost:8080/health' is not an absolute http:// or https:// URL (e.g. ready: http://127.0.0.1:8080/health)",
                "plan.yaml:7:18: watch.ready_timeout must be longer than zero, not '0s'",
                "plan.yaml:8:15: watch.stop_grace '5' has no unit (write 5s or 5ms: a bare number's unit would be a guess)",
                "plan.yaml:9:10: '1BAD' is not an environment variable name (letters, digits and _, not starting with a digit (e.g. ASPNETCORE_URLS))",
                "plan.yaml:9:25: watch.env.OK must be a line of text, not a list",
                "plan.yaml:10:8: watch.pid: 0 is not a process id (they run from 1 to 4,194,304) (the pid of the running service, e.g. from pgrep or systemctl show -p MainPID)",
                "plan.yaml:11:11: watch.cgroup: 'system.slice/app.service' is not an absolute path (a cgroup v2 directory, e.g. /sys/fs/cgroup/system.slice/app.service) (cat /proc/PID/cgroup shows a process's cgroup (prefix it with the cgroup2 mount, usually /sys/fs/cgroup))",
                "plan.yaml:12:11: watch.dotnet must be true, false or a pid, not 'maybe' (true reads the watched process's .NET counters; a pid reads another process's)",
                "plan.yaml:13:12: watch.metrics has no url (url: http://127.0.0.1:8080/metrics, the service's Prometheus text endpoint)",
                "plan.yaml:13:22: 'bad name' is not a metric to select (a metric name, optionally with labels: http_requests_total or http_requests_total{code=\"200\"})",
                "plan.yaml:14:48: '9x' is not a metric name (letters, digits and _, not starting with a digit: it names the metric in the result and in thresholds)",
                "plan.yaml:14:61: watch.prometheus.queries.ok is empty (a PromQL expression, e.g. rate(process_cpu_seconds_total[1m]))",
            ],
            lines);
    }

    [Theory]
    [InlineData("watch:", "watch has nothing to watch")]
    [InlineData("watch: {}", "watch has nothing to watch")]
    [InlineData("watch: 1234", "watch must be a mapping")]
    [InlineData("wach: { pid: 1 }", "unknown key 'wach' in the plan")]
    [InlineData("watch: { pid: 99999999 }", "watch.pid: 99999999 is not a process id")]
    [InlineData("watch: { pid: abc }", "watch.pid must be a whole number, not 'abc'")]
    [InlineData("watch: { metrics: { url: 'ftp://x/m', selct: [a] } }", "unknown key 'selct' in watch.metrics")]
    [InlineData("watch: { metrics: { url: 'ftp://x/m' } }", "watch.metrics.url 'ftp://x/m' is not an absolute http:// or https:// URL")]
    [InlineData("watch: { prometheus: { url: 'http://p:9090' } }", "watch.prometheus has no queries")]
    [InlineData("watch: { prometheus: { queries: { a: b } } }", "watch.prometheus has no url")]
    [InlineData("watch: { prometheus: { url: 'http://p:9090', queries: {} } }", "watch.prometheus.queries is empty")]
    [InlineData("watch: { command: '  ' }", "watch.command is empty")]
    [InlineData("watch: { command: [a, b] }", "watch.command must be text, not a list")]
    public void Parse_Mistake_IsNamed(string section, string message)
    {
        var error = Assert.Throws<PlanException>(() => PlanParser.Parse(Head + section, "plan.yaml"));

        Assert.Contains(error.Errors, e => e.Message.Contains(message, StringComparison.Ordinal) && e.Line == 4);
    }
}
