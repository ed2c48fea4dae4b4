using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;
using Pacer.Core.Monitoring;

namespace Pacer.Core.Tests.Monitoring;

/// <summary>The process watcher on a fake /proc (every formula, every appearing and vanishing process) and once on this test's own process.</summary>
public sealed class ProcessWatcherTests : IDisposable
{
    private readonly ProcFixture proc = new();
    private readonly FakeTimeProvider time = new();

    [Fact]
    public async Task Sample_SumsTheProcessAndItsDescendants_AsRatesOverTheMeasuredTime()
    {
        proc.Process(100, 1, user: 100, system: 50, rssKb: 1000, threads: 4, voluntary: 10, involuntary: 1, readBytes: 0, writeBytes: 0, fds: 5, cpus: "0-3,6");
        proc.Process(101, 100, user: 10, system: 10, rssKb: 500, threads: 2, fds: 2);
        proc.Process(102, 101, user: 0, system: 0, rssKb: 250);
        proc.Process(200, 1, user: 5, system: 5, rssKb: 9000);
        var watcher = Watcher();
        await watcher.StartAsync(CancellationToken.None);

        proc.Process(100, 1, user: 150, system: 70, rssKb: 2000, threads: 5, voluntary: 30, involuntary: 5, readBytes: 4096, writeBytes: 8192, fds: 6, cpus: "0-3,6");
        proc.Process(101, 100, user: 40, system: 10, rssKb: 500, threads: 2, voluntary: 10, fds: 2);
        proc.Process(102, 101, user: 20, system: 0, rssKb: 250);
        proc.Process(200, 1, user: 1005, system: 5, rssKb: 9000);
        time.Advance(TimeSpan.FromSeconds(2));
        var readings = await Sample(watcher, 2);

        // 120 ticks of CPU in 2 s at 100 ticks a second: 0.6 cores; the unrelated process's 1000 ticks are not the target's.
        Assert.Equal(new TargetReading("target_cpu", 0.6, TargetUnit.Cores, 5), readings["target_cpu"], Close);
        Assert.Equal(0.5, readings["target_cpu_user"].Value, 9);
        Assert.Equal(0.1, readings["target_cpu_system"].Value, 9);
        Assert.Equal(new TargetReading("target_memory", 2750 * 1024, TargetUnit.Bytes, 16000000L * 1024), readings["target_memory"]);
        Assert.Equal(2750 * 1024, readings["target_memory_peak"].Value);
        Assert.Equal(new TargetReading("target_threads", 8, TargetUnit.Count), readings["target_threads"]);
        Assert.Equal(new TargetReading("target_fds", 11, TargetUnit.Count), readings["target_fds"]);
        Assert.Equal(new TargetReading("target_processes", 3, TargetUnit.Count), readings["target_processes"]);
        Assert.Equal(new TargetReading("target_ctx_voluntary", 15, TargetUnit.PerSecond), readings["target_ctx_voluntary"]);
        Assert.Equal(new TargetReading("target_ctx_involuntary", 2, TargetUnit.PerSecond), readings["target_ctx_involuntary"]);
        Assert.Equal(new TargetReading("target_read_bytes", 2048, TargetUnit.BytesPerSecond), readings["target_read_bytes"]);
        Assert.Equal(new TargetReading("target_write_bytes", 4096, TargetUnit.BytesPerSecond), readings["target_write_bytes"]);
        Assert.Empty(((ITargetWatcherNotes)watcher).TakeNotes());
        Assert.Equal(new TargetSource("pid", "100"), watcher.Source);
    }

    [Fact]
    public async Task Sample_WithChildrenFiles_WalksTheTreeThroughEveryThreadsChildren_AndReadsNoOtherProcess()
    {
        // 100 has two threads; its child 101 was forked by the second one. 101's own child 102 is listed under 101's thread.
        proc.Process(100, 1, user: 100, system: 0);
        proc.Process(101, 100, user: 10, system: 0);
        proc.Process(102, 101, user: 0, system: 0);
        proc.Children(100, 100);
        proc.Children(100, 103, 101);
        proc.Children(101, 101, 102);
        proc.Children(102, 102);
        // A process whose stat claims 100 as its parent but that no children file lists: only the listing is read now, so a
        // process outside the tree (or one the kernel has not listed) is never opened. Its CPU would show if it were.
        proc.Process(300, 100, user: 0, system: 0);
        var watcher = Watcher();
        await watcher.StartAsync(CancellationToken.None);

        proc.Process(100, 1, user: 150, system: 0);
        proc.Process(101, 100, user: 40, system: 0);
        proc.Process(102, 101, user: 20, system: 0);
        proc.Process(300, 100, user: 10000, system: 0);
        time.Advance(TimeSpan.FromSeconds(2));
        var readings = await Sample(watcher, 2);

        Assert.Equal(0.5, readings["target_cpu"].Value, 9);
        Assert.Equal(3, readings["target_processes"].Value);
    }

    [Fact]
    public async Task Sample_ChildListedButAlreadyGone_IsLeftOutThatSecond()
    {
        proc.Process(100, 1, user: 100, system: 0);
        proc.Children(100, 100, 101);
        var watcher = Watcher();
        await watcher.StartAsync(CancellationToken.None);

        proc.Process(100, 1, user: 120, system: 0);
        time.Advance(TimeSpan.FromSeconds(1));
        var readings = await Sample(watcher, 1);

        Assert.Equal(0.2, readings["target_cpu"].Value, 9);
        Assert.Equal(1, readings["target_processes"].Value);
    }

    [Fact]
    public async Task Sample_ProcessesComingAndGoing_NeverMakeCpuNegativeOrSpike()
    {
        proc.Process(100, 1, user: 100, system: 0, startTicks: 1000);
        proc.Process(101, 100, user: 5000, system: 0, startTicks: 1100);
        proc.Process(300, 1, user: 7000, system: 0, startTicks: 1200);
        proc.Uptime(50);
        var watcher = Watcher();
        await watcher.StartAsync(CancellationToken.None);

        // 101 exits (its 5000 ticks must not come off); 102 starts after the previous reading (uptime 50 s = 5000 ticks): all
        // of its 30 ticks are this second's; 300, long-lived, is adopted by 100 and counts from now, not its 7000 ticks.
        proc.Remove(101);
        proc.Process(100, 1, user: 110, system: 0, startTicks: 1000);
        proc.Process(102, 100, user: 30, system: 0, startTicks: 5050);
        proc.Process(300, 100, user: 7000, system: 0, startTicks: 1200);
        proc.Uptime(51);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(0.4, (await Sample(watcher, 1))["target_cpu"].Value, 9);

        // 102 goes and its pid comes back as another process started since: that one counts from its start, not 102's 30.
        proc.Remove(102);
        proc.Process(102, 100, user: 3, system: 0, startTicks: 5150);
        proc.Process(100, 1, user: 110, system: 0, startTicks: 1000);
        proc.Process(300, 100, user: 7020, system: 0, startTicks: 1200);
        proc.Uptime(52);
        time.Advance(TimeSpan.FromSeconds(1));
        var third = await Sample(watcher, 2);
        Assert.Equal(0.23, third["target_cpu"].Value, 9);
        Assert.Equal(3, third["target_processes"].Value);
    }

    [Fact]
    public async Task Sample_TooSoonAfterThePrevious_GivesGaugesAndCarriesTheCpuOver()
    {
        proc.Process(100, 1, user: 0, system: 0);
        var watcher = Watcher();
        await watcher.StartAsync(CancellationToken.None);

        proc.Process(100, 1, user: 3, system: 0);
        time.Advance(TimeSpan.FromMilliseconds(50));
        var early = await Sample(watcher, 0.05);
        Assert.False(early.ContainsKey("target_cpu"));
        Assert.True(early.ContainsKey("target_memory"));

        proc.Process(100, 1, user: 100, system: 0);
        time.Advance(TimeSpan.FromMilliseconds(950));
        Assert.Equal(1.0, (await Sample(watcher, 1))["target_cpu"].Value, 9);
    }

    [Fact]
    public async Task Sample_WatchedProcessExits_IsReportedOnceWithTheSecond_ThenNoReadings()
    {
        proc.Process(100, 1, user: 0, system: 0);
        var watcher = Watcher();
        await watcher.StartAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.NotEmpty(await Sample(watcher, 1));

        proc.Process(100, 1, user: 0, system: 0, state: 'Z');
        time.Advance(TimeSpan.FromSeconds(1));
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => watcher.SampleAsync(TimeSpan.FromSeconds(2.6), CancellationToken.None).AsTask());
        Assert.Equal("process 100 exited at second 3", error.Message);

        proc.Remove(100);
        Assert.Empty(await watcher.SampleAsync(TimeSpan.FromSeconds(4), CancellationToken.None));
    }

    [Fact]
    public async Task Sample_PidReusedByAnotherProcess_IsTheWatchedOneExiting()
    {
        proc.Process(100, 1, user: 0, system: 0, startTicks: 1000);
        var watcher = Watcher();
        await watcher.StartAsync(CancellationToken.None);

        proc.Process(100, 1, user: 0, system: 0, startTicks: 9000);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => watcher.SampleAsync(TimeSpan.FromSeconds(1), CancellationToken.None).AsTask());
        Assert.StartsWith("process 100 exited", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_ProcessNotRunning_Throws()
    {
        proc.Process(101, 1, user: 0, system: 0, state: 'Z');

        Assert.Equal("process 100 is not running", (await Assert.ThrowsAsync<InvalidOperationException>(() => Watcher().StartAsync(CancellationToken.None).AsTask())).Message);
        Assert.Equal("process 101 is not running", (await Assert.ThrowsAsync<InvalidOperationException>(() => Watcher(101).StartAsync(CancellationToken.None).AsTask())).Message);
    }

    [Fact]
    public async Task Sample_IoNotReadable_LeavesDiskBytesOutWithOneNote()
    {
        proc.Process(100, 1, user: 0, system: 0, readBytes: null);
        var watcher = Watcher();
        await watcher.StartAsync(CancellationToken.None);

        time.Advance(TimeSpan.FromSeconds(1));
        var first = await Sample(watcher, 1);
        time.Advance(TimeSpan.FromSeconds(1));
        await Sample(watcher, 2);

        Assert.False(first.ContainsKey("target_read_bytes"));
        Assert.True(first.ContainsKey("target_cpu"));
        var note = Assert.Single(((ITargetWatcherNotes)watcher).TakeNotes());
        Assert.Contains("/proc/PID/io", note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sample_TheMemoryPeak_IsTheHighestSeen()
    {
        proc.Process(100, 1, user: 0, system: 0, rssKb: 4000);
        var watcher = Watcher();
        await watcher.StartAsync(CancellationToken.None);

        proc.Process(100, 1, user: 0, system: 0, rssKb: 1000);
        time.Advance(TimeSpan.FromSeconds(1));
        var readings = await Sample(watcher, 1);

        Assert.Equal(1000 * 1024, readings["target_memory"].Value);
        Assert.Equal(4000 * 1024, readings["target_memory_peak"].Value);
    }

    [Fact]
    public void ParseNetDev_EveryInterface_LoIncluded_WithOrWithoutASpaceAfterTheName()
    {
        var text = "Inter-|   Receive                                                |  Transmit\n"
            + " face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed\n"
            + "    lo: 2776770   11307    0    0    0     0          0         0  2776770   11307    0    0    0     0       0          0\n"
            + "  eth0:1215645    2751    0    0    0     0          0         0   1782404    4324    0    0    0   427       0          0\n"
            + "docker0: 0 0 0 0 0 0 0 0 18446744073709551 0 0 0 0 0 0 0\n"
            + "  bad0: 12 34\n";

        var interfaces = ProcFiles.ParseNetDev(text);

        Assert.Equal(
            new Dictionary<string, NetDevBytes>
            {
                ["lo"] = new(2776770, 2776770),
                ["eth0"] = new(1215645, 1782404),
                ["docker0"] = new(0, 18446744073709551),
            },
            interfaces);
    }

    [Fact]
    public async Task Sample_Network_SumsEveryInterfaceOfTheNamespace_AsRatesOverTheMeasuredTime()
    {
        proc.Process(100, 1, user: 0, system: 0);
        proc.NetDev(100, ("lo", 1_000, 1_000), ("eth0", 50_000, 20_000));
        var watcher = Watcher();
        await watcher.StartAsync(CancellationToken.None);

        // lo: +4,000 each way (a local client's requests and answers); eth0: +6,000 in, +2,000 out; over 2 s as measured.
        proc.NetDev(100, ("lo", 5_000, 5_000), ("eth0", 56_000, 22_000));
        time.Advance(TimeSpan.FromSeconds(2));
        var readings = await Sample(watcher, 2);

        Assert.Equal(new TargetReading("target_network_rx", 5_000, TargetUnit.BytesPerSecond), readings["target_network_rx"]);
        Assert.Equal(new TargetReading("target_network_tx", 3_000, TargetUnit.BytesPerSecond), readings["target_network_tx"]);
        Assert.Equal(new TargetReading("target_network", 8_000, TargetUnit.BytesPerSecond), readings["target_network"]);
        Assert.Empty(((ITargetWatcherNotes)watcher).TakeNotes());
    }

    [Fact]
    public async Task Sample_NetworkCounterReset_OrANewInterface_NeverMakesTheRateNegativeOrSpike()
    {
        proc.Process(100, 1, user: 0, system: 0);
        proc.NetDev(100, ("lo", 1_000, 1_000), ("eth0", 900_000, 800_000));
        var watcher = Watcher();
        await watcher.StartAsync(CancellationToken.None);

        // eth0 was reset (its counters start again below the last reading); veth1 appears with a long history of its own.
        proc.NetDev(100, ("lo", 2_000, 3_000), ("eth0", 100, 50), ("veth1", 7_000_000, 7_000_000));
        time.Advance(TimeSpan.FromSeconds(1));
        var reset = await Sample(watcher, 1);

        // From there on both count from what they read then.
        proc.NetDev(100, ("lo", 2_000, 3_000), ("eth0", 1_100, 550), ("veth1", 7_000_400, 7_000_000));
        time.Advance(TimeSpan.FromSeconds(1));
        var next = await Sample(watcher, 2);

        Assert.Equal((1_000, 2_000, 3_000), (reset["target_network_rx"].Value, reset["target_network_tx"].Value, reset["target_network"].Value));
        Assert.Equal((1_400, 500, 1_900), (next["target_network_rx"].Value, next["target_network_tx"].Value, next["target_network"].Value));
    }

    [Fact]
    public async Task Sample_NetDevNotReadable_LeavesNetworkOutWithOneNote()
    {
        proc.Process(100, 1, user: 0, system: 0);
        proc.NoNetDev(100);
        var watcher = Watcher();
        await watcher.StartAsync(CancellationToken.None);

        time.Advance(TimeSpan.FromSeconds(1));
        var first = await Sample(watcher, 1);
        time.Advance(TimeSpan.FromSeconds(1));
        await Sample(watcher, 2);

        Assert.DoesNotContain(first.Keys, k => k.StartsWith("target_network", StringComparison.Ordinal));
        Assert.Equal(["/proc/100/net/dev cannot be read: no target_network, target_network_rx, target_network_tx"], ((ITargetWatcherNotes)watcher).TakeNotes());
    }

    [Fact]
    public async Task Start_InPacersOwnNetworkNamespace_NotesOnceThatTheFigureIsTheWholeHosts()
    {
        proc.Process(100, 1, user: 0, system: 0);
        proc.NetDev(100, ("lo", 0, 0));
        proc.NetNamespace("100", "net:[4026531840]");
        proc.NetNamespace("self", "net:[4026531840]");
        var watcher = Watcher();
        await watcher.StartAsync(CancellationToken.None);
        var atStart = ((ITargetWatcherNotes)watcher).TakeNotes();
        time.Advance(TimeSpan.FromSeconds(1));
        await Sample(watcher, 1);

        var note = Assert.Single(atStart);
        Assert.Equal("process 100 is in Pacer's own network namespace (net:[4026531840]): target_network, target_network_rx and target_network_tx count all of this host's traffic, Pacer's own load among it, not the target's alone", note);
        Assert.Empty(((ITargetWatcherNotes)watcher).TakeNotes());
    }

    [Theory]
    [InlineData("net:[4026532301]", "net:[4026531840]")]
    [InlineData(null, "net:[4026531840]")]
    [InlineData("net:[4026531840]", null)]
    public async Task Start_InANamespaceOfItsOwn_OrOneThatCannotBeRead_NotesNothing(string? theirs, string? ours)
    {
        proc.Process(100, 1, user: 0, system: 0);
        proc.NetDev(100, ("lo", 0, 0));
        if (theirs is not null)
        {
            proc.NetNamespace("100", theirs);
        }

        if (ours is not null)
        {
            proc.NetNamespace("self", ours);
        }

        var watcher = Watcher();
        await watcher.StartAsync(CancellationToken.None);

        Assert.Empty(((ITargetWatcherNotes)watcher).TakeNotes());
    }

    [Fact]
    public async Task RealProcess_NetworkOfItsNamespace_CountsTrafficOverLo()
    {
        var watcher = new ProcessWatcher(Environment.ProcessId);
        await watcher.StartAsync(CancellationToken.None);
        var notes = ((ITargetWatcherNotes)watcher).TakeNotes();
        var clock = Stopwatch.StartNew();

        // 1 MB chunks through a loopback connection of this process for 0.2 s (a workload; rates need 0.1 s): at least that much
        // received and sent over lo.
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        using var client = new System.Net.Sockets.TcpClient();
        await client.ConnectAsync(System.Net.IPAddress.Loopback, ((System.Net.IPEndPoint)listener.LocalEndpoint).Port);
        using var server = await listener.AcceptTcpClientAsync();
        var payload = new byte[1_000_000];
        var buffer = new byte[65536];
        long total = 0;
        while (clock.Elapsed < TimeSpan.FromSeconds(0.2))
        {
            var sending = client.GetStream().WriteAsync(payload).AsTask();
            var received = 0;
            while (received < payload.Length)
            {
                received += await server.GetStream().ReadAsync(buffer);
            }

            await sending;
            total += payload.Length;
        }

        var readings = (await watcher.SampleAsync(clock.Elapsed, CancellationToken.None)).ToDictionary(r => r.Metric);
        var seconds = clock.Elapsed.TotalSeconds;

        Assert.True(readings["target_network_rx"].Value * seconds >= total, $"{readings["target_network_rx"].Value * seconds:0} bytes received of {total}");
        Assert.True(readings["target_network_tx"].Value * seconds >= total, $"{readings["target_network_tx"].Value * seconds:0} bytes sent of {total}");
        Assert.Equal(readings["target_network_rx"].Value + readings["target_network_tx"].Value, readings["target_network"].Value, 6);
        StandardMetrics.AssertListed(readings.Values);

        // The watched process is Pacer's own, in its namespace by definition: the watcher says the figure is the whole namespace's.
        Assert.Contains(notes, n => n.Contains("Pacer's own network namespace", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("0-1", 2)]
    [InlineData("0-3,6,8-9", 7)]
    [InlineData("5", 1)]
    [InlineData("", null)]
    [InlineData("3-1", null)]
    [InlineData("a-b", null)]
    public void CountCpus(string list, int? expected) => Assert.Equal(expected, ProcFiles.CountCpus(list));

    [Fact]
    public void ProcStat_NameWithSpacesAndParentheses_IsSkipped()
    {
        var stat = ProcStat.Parse("42 (my (odd) name) S 7 42 42 0 -1 4194304 99 0 0 0 11 22 0 0 20 0 3 0 555 3133440 379 0");

        Assert.Equal(new ProcStat(42, 'S', 7, 11, 22, 3, 555), stat);
        Assert.Null(ProcStat.Parse(""));
        Assert.Null(ProcStat.Parse("42 (x) S 7"));
    }

    [Fact]
    public async Task RealProcess_CpuMatchesWhatTheRuntimeReports()
    {
        using var self = Process.GetCurrentProcess();
        var watcher = new ProcessWatcher(Environment.ProcessId);
        await watcher.StartAsync(CancellationToken.None);
        var before = self.TotalProcessorTime;
        var clock = Stopwatch.StartNew();

        // Busy work until this process has used 0.4 s of CPU more: a workload, not a wait.
        var x = 0.0;
        while ((GetCpu(self) - before).TotalSeconds < 0.4)
        {
            for (var i = 0; i < 100_000; i++)
            {
                x += Math.Sqrt(i);
            }
        }

        var readings = (await watcher.SampleAsync(clock.Elapsed, CancellationToken.None)).ToDictionary(r => r.Metric);
        var used = (GetCpu(self) - before).TotalSeconds;
        var seconds = clock.Elapsed.TotalSeconds;

        // The watcher's interval began a moment before ours: its cores × our time is within a few ticks of the runtime's own.
        Assert.InRange(readings["target_cpu"].Value * seconds, used - 0.1, used + 0.1);
        Assert.True(readings["target_memory"].Value > 10_000_000, $"{readings["target_memory"].Value} bytes");
        Assert.True(readings["target_threads"].Value > 1);
        Assert.True(readings["target_fds"].Value > 3);
        Assert.True(x > 0);
    }

    public void Dispose() => proc.Dispose();

    private static TimeSpan GetCpu(Process process)
    {
        process.Refresh();
        return process.TotalProcessorTime;
    }

    private static readonly IEqualityComparer<TargetReading> Close = EqualityComparer<TargetReading>.Create(
        (a, b) => a.Metric == b.Metric && Math.Abs(a.Value - b.Value) < 1e-9 && a.Unit == b.Unit && a.Limit == b.Limit);

    private ProcessWatcher Watcher(int pid = 100) => new(pid, new TargetSource("pid", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)), proc.Root, time, 100);

    private static async Task<Dictionary<string, TargetReading>> Sample(ProcessWatcher watcher, double elapsed) =>
        (await watcher.SampleAsync(TimeSpan.FromSeconds(elapsed), CancellationToken.None)).ToDictionary(r => r.Metric);
}
