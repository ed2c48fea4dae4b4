using Microsoft.Extensions.Time.Testing;
using Pacer.Core.Monitoring;

namespace Pacer.Core.Tests.Monitoring;

/// <summary>The cgroup v2 watcher on fixture directories holding every file it reads, as the kernel writes them.</summary>
public sealed class CgroupWatcherTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("pacer-cgroup-").FullName;
    private readonly ProcFixture proc = new();
    private readonly FakeTimeProvider time = new();

    [Fact]
    public async Task Sample_EveryFile_GivesItsMetric()
    {
        Write("cgroup.controllers", "cpuset cpu io memory pids\n");
        CpuStat(usage: 1_000_000, periods: 100, throttled: 10, throttledUsec: 50_000);
        Write("cpu.max", "150000 100000\n");
        Write("memory.current", "104857600\n");
        Write("memory.max", "536870912\n");
        Write("memory.events", "low 0\nhigh 0\nmax 12\noom 2\noom_kill 1\noom_group_kill 0\n");
        Pressure("cpu", 12.5);
        Pressure("memory", 0);
        Pressure("io", 3.25);
        var watcher = Watcher();
        await watcher.StartAsync(CancellationToken.None);
        Assert.Empty(((ITargetWatcherNotes)watcher).TakeNotes());

        // Two seconds: 2.4 s of CPU, 50 periods of which 20 throttled, 0.3 s throttled, two more OOM kills.
        CpuStat(usage: 3_400_000, periods: 150, throttled: 30, throttledUsec: 350_000);
        Write("memory.events", "low 0\nhigh 0\nmax 12\noom 4\noom_kill 3\noom_group_kill 0\n");
        time.Advance(TimeSpan.FromSeconds(2));
        var readings = await Sample(watcher, 2);

        Assert.Equal(new TargetReading("target_cpu", 1.2, TargetUnit.Cores, 1.5), readings["target_cpu"]);
        Assert.Equal(new TargetReading("target_throttled", 0.4, TargetUnit.Ratio), readings["target_throttled"]);
        Assert.Equal(new TargetReading("target_throttled_time", 0.15, TargetUnit.Ratio), readings["target_throttled_time"]);
        Assert.Equal(new TargetReading("target_memory", 104857600, TargetUnit.Bytes, 536870912), readings["target_memory"]);
        Assert.Equal(new TargetReading("target_oom_kills", 2, TargetUnit.Count), readings["target_oom_kills"]);
        Assert.Equal(new TargetReading("target_cpu_pressure", 0.125, TargetUnit.Ratio), readings["target_cpu_pressure"]);
        Assert.Equal(0, readings["target_memory_pressure"].Value);
        Assert.Equal(0.0325, readings["target_io_pressure"].Value, 12);
        Assert.Equal(new TargetSource("cgroup", dir), watcher.Source);
        StandardMetrics.AssertListed(readings.Values);
    }

    [Fact]
    public async Task Sample_NoQuotaAndNoMemoryLimit_LimitsAreTheCpusetOrMachineAndMemTotal()
    {
        Write("cgroup.controllers", "cpu memory\n");
        CpuStat(usage: 0, periods: 0, throttled: 0, throttledUsec: 0);
        Write("cpu.max", "max 100000\n");
        Write("memory.current", "1000\n");
        Write("memory.max", "max\n");
        var watcher = Watcher();
        await watcher.StartAsync(CancellationToken.None);

        CpuStat(usage: 500_000, periods: 0, throttled: 0, throttledUsec: 0);
        time.Advance(TimeSpan.FromSeconds(1));
        var readings = await Sample(watcher, 1);
        Assert.Equal(8, readings["target_cpu"].Limit);
        Assert.Equal(0.5, readings["target_cpu"].Value);
        Assert.Equal(0, readings["target_throttled"].Value);
        Assert.Equal(16000000L * 1024, readings["target_memory"].Limit);

        Write("cpuset.cpus.effective", "0-2\n");
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(3, (await Sample(watcher, 2))["target_cpu"].Limit);
    }

    [Fact]
    public async Task Sample_ControllersNotEnabled_LeaveTheirMetricsOutWithOneNote()
    {
        // What a hybrid system's unified mount holds: cpu.stat without the cpu controller's fields, and pressure files.
        Write("cgroup.controllers", "\n");
        Write("cpu.stat", "usage_usec 1000000\nuser_usec 800000\nsystem_usec 200000\n");
        Pressure("cpu", 1);
        Pressure("io", 0);
        Pressure("memory", 0);
        var watcher = Watcher();
        await watcher.StartAsync(CancellationToken.None);

        Write("cpu.stat", "usage_usec 1250000\nuser_usec 900000\nsystem_usec 350000\n");
        time.Advance(TimeSpan.FromSeconds(1));
        var readings = await Sample(watcher, 1);
        time.Advance(TimeSpan.FromSeconds(1));
        await Sample(watcher, 2);

        Assert.Equal(["target_cpu", "target_cpu_pressure", "target_memory_pressure", "target_io_pressure"], readings.Keys);
        Assert.Equal(0.25, readings["target_cpu"].Value);
        var note = Assert.Single(((ITargetWatcherNotes)watcher).TakeNotes());
        Assert.Contains("cpu.max, memory.current, memory.max, memory.events", note, StringComparison.Ordinal);
        Assert.Contains("cpu.stat nr_periods", note, StringComparison.Ordinal);
        Assert.Empty(((ITargetWatcherNotes)watcher).TakeNotes());
    }

    [Fact]
    public async Task Start_NotACgroup_Throws_AndARemovedCgroupIsASampleError()
    {
        Assert.Contains("is not a cgroup v2 directory", CgroupWatcher.Problem(dir), StringComparison.Ordinal);
        Assert.Contains("does not exist", CgroupWatcher.Problem(Path.Combine(dir, "nope")), StringComparison.Ordinal);
        await Assert.ThrowsAsync<InvalidOperationException>(() => Watcher().StartAsync(CancellationToken.None).AsTask());

        var child = Directory.CreateDirectory(Path.Combine(dir, "child")).FullName;
        File.WriteAllText(Path.Combine(child, "cgroup.controllers"), "");
        var watcher = new CgroupWatcher(child, proc.Root, time, 8);
        await watcher.StartAsync(CancellationToken.None);
        Directory.Delete(child, recursive: true);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => watcher.SampleAsync(TimeSpan.FromSeconds(4), CancellationToken.None).AsTask());
        Assert.Equal("the cgroup was removed (at second 4)", error.Message);
    }

    [Fact]
    public async Task Sample_TooSoon_CarriesTheCpuOver_AndACounterGoingBackIsZero()
    {
        Write("cgroup.controllers", "cpu\n");
        CpuStat(usage: 1_000_000, periods: 10, throttled: 0, throttledUsec: 0);
        var watcher = Watcher();
        await watcher.StartAsync(CancellationToken.None);

        CpuStat(usage: 1_010_000, periods: 10, throttled: 0, throttledUsec: 0);
        time.Advance(TimeSpan.FromMilliseconds(20));
        Assert.False((await Sample(watcher, 0.02)).ContainsKey("target_cpu"));

        CpuStat(usage: 2_000_000, periods: 20, throttled: 5, throttledUsec: 0);
        time.Advance(TimeSpan.FromMilliseconds(980));
        Assert.Equal(1.0, (await Sample(watcher, 1))["target_cpu"].Value, 9);

        CpuStat(usage: 10, periods: 0, throttled: 0, throttledUsec: 0);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(0, (await Sample(watcher, 2))["target_cpu"].Value);
    }

    public void Dispose()
    {
        proc.Dispose();
        Directory.Delete(dir, recursive: true);
    }

    private CgroupWatcher Watcher() => new(dir, proc.Root, time, 8);

    private void CpuStat(long usage, long periods, long throttled, long throttledUsec) =>
        Write("cpu.stat", $"usage_usec {usage}\nuser_usec {usage / 2}\nsystem_usec {usage - (usage / 2)}\nnr_periods {periods}\nnr_throttled {throttled}\nthrottled_usec {throttledUsec}\nnr_bursts 0\nburst_usec 0\n");

    private void Pressure(string resource, double some) =>
        Write($"{resource}.pressure", FormattableString.Invariant($"some avg10={some:0.00} avg60=1.00 avg300=0.50 total=123456\nfull avg10=0.00 avg60=0.00 avg300=0.00 total=0\n"));

    private void Write(string file, string text) => File.WriteAllText(Path.Combine(dir, file), text);

    private static async Task<Dictionary<string, TargetReading>> Sample(CgroupWatcher watcher, double elapsed) =>
        (await watcher.SampleAsync(TimeSpan.FromSeconds(elapsed), CancellationToken.None)).ToDictionary(r => r.Metric);
}
