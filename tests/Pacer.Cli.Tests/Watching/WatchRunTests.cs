using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Xunit.Abstractions;

namespace Pacer.Cli.Tests.Watching;

/// <summary>
/// <c>pacer run --watch-pid / --watch-cgroup</c> end to end: the real CLI loads the demo target, started as a process of its
/// own, and the CPU it reports is checked against what /proc (and the cgroup's own cpu.stat) say independently.
/// </summary>
[Collection(nameof(TimingSensitive))]
public sealed class WatchRunTests(ITestOutputHelper log)
{
    [Fact]
    public async Task WatchPid_TargetCpu_MatchesProcWithinTenPercent()
    {
        await using var target = await DemoTargetProcess.StartAsync("--work-cost", "3000");
        var plan = WritePlan(target.BaseAddress, rate: 40, seconds: 6);
        var output = CliRunner.TempFile("watch-pid.json");
        try
        {
            // A first short run compiles the target's code paths, so the measured run's CPU is the load's, not the JIT's.
            Assert.Equal(0, (await CliRunner.RunAsync("run", plan, "--duration", "1s", "-o", output, "--quiet")).Exit);

            var before = target.CpuTicks();
            var (exit, text, error) = await CliRunner.RunAsync("run", plan, "--watch-pid", target.Pid.ToString(CultureInfo.InvariantCulture), "-o", output, "--quiet");
            var after = target.CpuTicks();

            Assert.True(exit == 0, $"exit {exit}: {error}");
            var result = CliRunner.ReadResult(output);
            var source = result.GetProperty("target").GetProperty("sources")[0];
            Assert.Equal("pid", source.GetProperty("kind").GetString());
            Assert.Equal(target.Pid.ToString(CultureInfo.InvariantCulture), source.GetProperty("address").GetString());
            // The demo target shares this machine's network namespace with Pacer: its network figures are the host's, and the
            // source says so, once.
            Assert.Empty(source.GetProperty("errors").EnumerateArray());
            var note = Assert.Single(source.GetProperty("notes").EnumerateArray()).GetString()!;
            Assert.StartsWith($"process {target.Pid} is in Pacer's own network namespace (net:[", note, StringComparison.Ordinal);
            var cpu = Metric(result, "target_cpu", "pid");
            Assert.Equal("cores", cpu.GetProperty("unit").GetString());
            Assert.Equal(Environment.ProcessorCount, cpu.GetProperty("limit").GetDouble());

            // Every second of the latency series has its reading, at the same t; rates skip a last interval under 0.1 s.
            var seconds = Seconds(result).ToList();
            Assert.Equal(seconds, Metric(result, "target_memory", "pid").GetProperty("series").EnumerateArray().Select(p => p.GetProperty("t").GetDouble()));
            Assert.Subset(seconds.ToHashSet(), cpu.GetProperty("series").EnumerateArray().Select(p => p.GetProperty("t").GetDouble()).ToHashSet());
            Assert.True(cpu.GetProperty("series").GetArrayLength() >= seconds.Count - 1);

            var proc = (after - before) / await DemoTargetProcess.ClockTicksPerSecondAsync();
            var watched = CpuSeconds(cpu);
            log.WriteLine($"pid: watched {watched:0.000} CPU-seconds, /proc {proc:0.000} ({(watched - proc) / proc:+0.0%;-0.0%})");
            Assert.True(proc >= 0.5, $"the target used {proc:0.00} CPU-seconds: too little load to compare against noise");
            Assert.True(Math.Abs(watched - proc) <= 0.1 * proc, $"watched {watched:0.000} CPU-seconds, /proc says {proc:0.000}");
            Assert.Contains("Target", text, StringComparison.Ordinal);
            Assert.Contains($"pid {target.Pid}:", text, StringComparison.Ordinal);

            // The load itself went over lo, so the namespace's traffic is at least what Pacer sent and received.
            var network = Metric(result, "target_network", "pid");
            Assert.Equal("bytes_per_second", network.GetProperty("unit").GetString());
            var load = result.GetProperty("metrics").GetProperty("data_received").GetProperty("rate").GetDouble()
                + result.GetProperty("metrics").GetProperty("data_sent").GetProperty("rate").GetDouble();
            log.WriteLine($"pid: target_network mean {network.GetProperty("mean").GetDouble():0} B/s, Pacer's data_sent + data_received {load:0} B/s");
            // Every byte over lo is counted as sent and as received, so the namespace's total is about twice Pacer's own; at
            // least Pacer's own whatever else the machine did.
            Assert.True(network.GetProperty("mean").GetDouble() >= load, $"target_network {network.GetProperty("mean").GetDouble():0} B/s, Pacer's own traffic {load:0} B/s");
            Assert.True(Metric(result, "target_network_rx", "pid").GetProperty("mean").GetDouble() > 0);
            Assert.True(Metric(result, "target_network_tx", "pid").GetProperty("mean").GetDouble() > 0);
        }
        finally
        {
            File.Delete(plan);
            File.Delete(output);
        }
    }

    [Fact]
    public async Task WatchPid_NotRunning_Exits2BeforeLoad()
    {
        using var exited = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        await exited.WaitForExitAsync();
        var output = CliRunner.TempFile("not-running.json");

        var (exit, _, error) = await CliRunner.RunAsync("run", "--url", "http://127.0.0.1:9/", "--rate", "10", "--duration", "1s", "--watch-pid", exited.Id.ToString(CultureInfo.InvariantCulture), "-o", output);

        Assert.Equal(2, exit);
        Assert.Contains($"pacer: watch.pid: process {exited.Id} is not running", error, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public async Task WatchPid_ProcessExitsMidRun_RunCompletesWithTheSourceError()
    {
        await using var target = await DemoTargetProcess.StartAsync();
        using var shortLived = Process.Start(new ProcessStartInfo("sleep", "2") { UseShellExecute = false })!;
        var output = CliRunner.TempFile("exits.json");
        try
        {
            var (exit, text, error) = await CliRunner.RunAsync("run", "--url", new Uri(target.BaseAddress, "health").ToString(), "--rate", "20", "--duration", "5s", "--watch-pid", shortLived.Id.ToString(CultureInfo.InvariantCulture), "-o", output, "--quiet");

            Assert.True(exit == 0, $"exit {exit}: {error}");
            var result = CliRunner.ReadResult(output);
            Assert.False(result.GetProperty("aborted").GetBoolean());
            Assert.Equal(100, result.GetProperty("metrics").GetProperty("http_reqs").GetProperty("count").GetInt64());
            var source = result.GetProperty("target").GetProperty("sources")[0];
            var message = Assert.Single(source.GetProperty("errors").EnumerateArray().Select(e => e.GetString()!));
            Assert.Matches($@"^process {shortLived.Id} exited at second [1-4]$", message);

            // Its seconds before it exited were read.
            var samples = source.GetProperty("samples").GetInt32();
            Assert.InRange(samples, 1, 3);
            Assert.Contains(message, text, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(output);
        }
    }

    [Theory]
    [InlineData(new[] { "--watch-pid", "abc" }, "pacer: --watch-pid 'abc' is not a process id (a whole number, e.g. from pgrep)")]
    [InlineData(new[] { "--watch-pid", "0" }, "pacer: --watch-pid: 0 is not a process id (they run from 1 to 4,194,304)")]
    [InlineData(new[] { "--watch-cgroup", "system.slice" }, "pacer: --watch-cgroup: 'system.slice' is not an absolute path")]
    [InlineData(new[] { "--watch-cgroup", "/no/such/cgroup" }, "pacer: watch.cgroup: /no/such/cgroup does not exist")]
    [InlineData(new[] { "--watch-ready", "http://127.0.0.1:9/health", "--watch-pid", "1" }, "pacer: watch.ready applies to a command Pacer starts, and there is none: add watch.command or --watch-cmd")]
    [InlineData(new[] { "--watch-ready", "health" }, "pacer: --watch-ready 'health' is not an absolute http:// or https:// URL (e.g. http://127.0.0.1:8080/health)")]
    public async Task WatchFlags_BadValue_Exits2WithTheReason(string[] flags, string expected)
    {
        var output = CliRunner.TempFile("bad-flag.json");

        var (exit, _, error) = await CliRunner.RunAsync(["run", "--url", "http://127.0.0.1:9/", "--rate", "10", "--duration", "1s", "-o", output, .. flags]);

        Assert.Equal(2, exit);
        Assert.StartsWith(expected, error, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public async Task PlanWatchSection_IsWatched_AndAFlagOverridesIt()
    {
        await using var target = await DemoTargetProcess.StartAsync();
        var plan = CliRunner.TempFile("watch-plan.yaml");
        var output = CliRunner.TempFile("watch-plan.json");
        File.WriteAllText(plan, $$"""
            target: {{target.BaseAddress}}
            requests: [{ path: /health }]
            load: { model: open, rate: 10, duration: 2s }
            watch: { pid: 1 }
            """);
        try
        {
            var (exit, _, error) = await CliRunner.RunAsync("run", plan, "--watch-pid", target.Pid.ToString(CultureInfo.InvariantCulture), "-o", output, "--quiet");

            Assert.True(exit == 0, $"exit {exit}: {error}");
            // The pid's own source, and the .NET counters the demo target's runtime gives by themselves, both of the flag's pid.
            var sources = CliRunner.ReadResult(output).GetProperty("target").GetProperty("sources").EnumerateArray().ToList();
            Assert.Equal(["pid", "dotnet"], sources.Select(s => s.GetProperty("kind").GetString()));
            Assert.All(sources, s => Assert.Equal(target.Pid.ToString(CultureInfo.InvariantCulture), s.GetProperty("address").GetString()));
        }
        finally
        {
            File.Delete(plan);
            File.Delete(output);
        }
    }

    [CgroupV2Fact]
    public async Task WatchCgroup_ChildCgroupWithTheTarget_CpuMatchesItsCpuStatAndItsProcess()
    {
        var mount = CgroupV2FactAttribute.Mount()!;
        var plan = string.Empty;
        var output = CliRunner.TempFile("watch-cgroup.json");
        var target = await DemoTargetProcess.StartAsync("--work-cost", "3000");
        var cgroup = Path.Combine(mount, $"pacer-test-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(cgroup);
            await File.WriteAllTextAsync(Path.Combine(cgroup, "cgroup.procs"), target.Pid.ToString(CultureInfo.InvariantCulture));
            plan = WritePlan(target.BaseAddress, rate: 40, seconds: 5);
            Assert.Equal(0, (await CliRunner.RunAsync("run", plan, "--duration", "1s", "-o", output, "--quiet")).Exit);

            var before = UsageMicros(cgroup);
            var (exit, _, error) = await CliRunner.RunAsync("run", plan, "--watch-cgroup", cgroup, "--watch-pid", target.Pid.ToString(CultureInfo.InvariantCulture), "-o", output, "--quiet");
            var after = UsageMicros(cgroup);

            Assert.True(exit == 0, $"exit {exit}: {error}");
            var result = CliRunner.ReadResult(output);
            var sources = result.GetProperty("target").GetProperty("sources").EnumerateArray().ToList();
            // The demo target is .NET: its runtime's counters are read by themselves, after the sources given.
            Assert.Equal(["pid", "cgroup", "dotnet"], sources.Select(s => s.GetProperty("kind").GetString()));
            Assert.Equal(cgroup, sources[1].GetProperty("address").GetString());

            // cpu.stat usage_usec, the cgroup's own accounting, read here before and after, against the watcher's seconds.
            var stat = (after - before) / 1e6;
            var watched = CpuSeconds(Metric(result, "target_cpu", "cgroup"));
            log.WriteLine($"cgroup: watched {watched:0.000} CPU-seconds, cpu.stat {stat:0.000} ({(watched - stat) / stat:+0.0%;-0.0%})");
            Assert.True(stat >= 0.5, $"the cgroup used {stat:0.00} CPU-seconds: too little load to compare against noise");
            Assert.True(Math.Abs(watched - stat) <= 0.1 * stat, $"watched {watched:0.000} CPU-seconds, cpu.stat says {stat:0.000}");

            // The process and the cgroup that holds only it agree.
            var byPid = CpuSeconds(Metric(result, "target_cpu", "pid"));
            Assert.True(Math.Abs(watched - byPid) <= 0.1 * stat, $"cgroup {watched:0.000}, pid {byPid:0.000} CPU-seconds");
            Assert.True(Metric(result, "target_cpu_pressure", "cgroup").GetProperty("series").GetArrayLength() > 0);

            // Controllers not enabled for the child (a hybrid mount enables none) are one note, not a failure.
            var errors = sources[1].GetProperty("errors").EnumerateArray().Select(e => e.GetString()!).ToList();
            Assert.True(errors.Count <= 1, string.Join("; ", errors));
        }
        finally
        {
            // Out of the cgroup, then stopped, then the empty cgroup removed: nothing is left behind however the test ended.
            if (Directory.Exists(cgroup))
            {
                await File.WriteAllTextAsync(Path.Combine(mount, "cgroup.procs"), target.Pid.ToString(CultureInfo.InvariantCulture));
            }

            await target.DisposeAsync();
            if (Directory.Exists(cgroup))
            {
                Directory.Delete(cgroup);
            }

            File.Delete(output);
            if (plan.Length > 0)
            {
                File.Delete(plan);
            }
        }
    }

    private static string WritePlan(Uri target, int rate, int seconds)
    {
        var plan = CliRunner.TempFile("watch.yaml");
        File.WriteAllText(plan, $$"""
            target: {{target}}
            requests:
              - method: POST
                path: /api/sessions
                body: { name: watch }
            load: { model: open, rate: {{rate}}, duration: {{seconds}}s, max_connections: 50 }
            """);
        return plan;
    }

    private static JsonElement Metric(JsonElement result, string name, string source) =>
        result.GetProperty("target").GetProperty("metrics").EnumerateArray()
            .Single(m => m.GetProperty("name").GetString() == name && m.GetProperty("source").GetString() == source);

    private static IEnumerable<double> Seconds(JsonElement result) => result.GetProperty("series").EnumerateArray().Select(s => s.GetProperty("t").GetDouble());

    /// <summary>Σ cores × the second's length: the CPU-seconds a cores series stands for (the first second starts at t = 0).</summary>
    private static double CpuSeconds(JsonElement metric)
    {
        var previous = 0.0;
        var total = 0.0;
        foreach (var point in metric.GetProperty("series").EnumerateArray())
        {
            var t = point.GetProperty("t").GetDouble();
            total += point.GetProperty("v").GetDouble() * (t - previous);
            previous = t;
        }

        return total;
    }

    private static long UsageMicros(string cgroup) =>
        long.Parse(File.ReadLines(Path.Combine(cgroup, "cpu.stat")).First(l => l.StartsWith("usage_usec ", StringComparison.Ordinal))["usage_usec ".Length..], CultureInfo.InvariantCulture);
}
