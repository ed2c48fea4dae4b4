using System.Globalization;
using Pacer.Core.Platform.Linux;

namespace Pacer.Core.Monitoring;

/// <summary>
/// Watches a process and all its descendants through /proc (Linux): CPU as cores used (user, system), resident memory and
/// its peak, threads, open files, processes, context switches and disk bytes, summed over the tree, and the network traffic of
/// the watched process's network namespace (docs/watching.md).
/// </summary>
/// <remarks>
/// Counters are kept per process (pid and start time, so a reused pid is a new process): a process that appears between
/// two samples counts from its start when it started after the previous sample, else from its first sighting; one that
/// disappears simply stops counting. Neither can make a delta negative or spike it. The tree is found each sample from every
/// process's parent in <c>/proc/*/stat</c>. The watched process exiting is reported once, as the source's error
/// <c>process N exited at second S</c>; it gives no readings after that.
/// <para>
/// <c>target_network_rx</c>, <c>target_network_tx</c> and <c>target_network</c> (their sum) are bytes per second over every
/// interface of the watched (root) process's network namespace, <c>lo</c> included since a target on this machine talks over
/// it: for a containerised service that is exactly the container's traffic; for a process in the host's namespace it is all
/// of the host's traffic, Pacer's own load among it, and the source says so once in a note. An interface counts from its
/// first sighting, and one whose counter went backwards (reset) counts 0 for that interval, never a negative rate.
/// </para>
/// </remarks>
public sealed class ProcessWatcher : ITargetWatcher, ITargetWatcherNotes
{
    /// <summary>Below this, an interval's CPU and rates are not computed (a jiffy is 10 ms); their counts go into the next one.</summary>
    private const double MinRateSeconds = 0.1;

    private readonly int pid;
    private readonly ProcFiles proc;
    private readonly TimeProvider time;
    private readonly double ticksPerSecond;
    private Dictionary<int, ProcCounters> previous = [];
    private long previousTimestamp;
    private double? previousUptime;
    private long rootStart;
    private long? memTotal;
    private double peak;
    private bool gone;
    private bool started;
    private bool ioNoted;
    private bool netNoted;

    /// <summary>Whether the kernel lists each thread's children, so a sample reads only the watched tree, not every process.</summary>
    private bool childrenFiles;
    private Dictionary<string, NetDevBytes>? previousNet;
    private readonly List<string> notes = [];

    /// <summary>Watches process <paramref name="pid"/> (<c>--watch-pid</c>), reported as source <c>pid</c>.</summary>
    /// <param name="pid">The process id.</param>
    public ProcessWatcher(int pid)
        : this(pid, "pid", pid.ToString(CultureInfo.InvariantCulture))
    {
    }

    /// <summary>Watches process <paramref name="pid"/>, reported under another source (<c>command</c> and its command line, for a service Pacer started).</summary>
    /// <param name="pid">The process id.</param>
    /// <param name="kind">The source's kind in the result (<c>pid</c>, <c>command</c>).</param>
    /// <param name="address">The source's address in the result (the pid, the command line).</param>
    public ProcessWatcher(int pid, string kind, string address)
        : this(pid, new TargetSource(kind, address), "/proc", TimeProvider.System, ClockTicksPerSecond())
    {
    }

    /// <summary>The seam for tests: a fixture directory instead of /proc, a fake clock, a tick rate.</summary>
    internal ProcessWatcher(int pid, TargetSource source, string procRoot, TimeProvider time, double ticksPerSecond)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pid, 1);
        ArgumentNullException.ThrowIfNull(source);
        this.pid = pid;
        Source = source;
        proc = new ProcFiles(procRoot);
        this.time = time;
        this.ticksPerSecond = ticksPerSecond;
    }

    /// <inheritdoc/>
    public TargetSource Source { get; }

    /// <summary>Whether process <paramref name="pid"/> runs now (exists and has not exited): what <c>--watch-pid</c> checks before load.</summary>
    /// <param name="pid">The process id.</param>
    public static bool IsRunning(int pid) => new ProcFiles("/proc").Stat(pid) is { Exited: false };

    /// <inheritdoc/>
    public ValueTask StartAsync(CancellationToken cancellationToken)
    {
        if (proc.Stat(pid) is not { Exited: false } root)
        {
            throw new InvalidOperationException($"process {pid} is not running");
        }

        rootStart = root.StartTicks;
        memTotal = proc.MemTotal();
        childrenFiles = proc.Children(pid) is not null;
        var all = Processes();
        all[pid] = root;
        previous = Read(Tree(all), out var rss, out _, out _, out _).ToDictionary(c => c.Pid);
        peak = rss;
        previousTimestamp = time.GetTimestamp();
        previousUptime = proc.Uptime();
        previousNet = proc.NetDev(pid);
        if (proc.NetNamespace(pid.ToString(CultureInfo.InvariantCulture)) is { } theirs && theirs == proc.NetNamespace("self"))
        {
            notes.Add($"process {pid} is in Pacer's own network namespace ({theirs}): target_network, target_network_rx and target_network_tx count all of this host's traffic, Pacer's own load among it, not the target's alone");
        }

        started = true;
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<TargetReading>> SampleAsync(TimeSpan elapsed, CancellationToken cancellationToken)
    {
        if (!started || gone)
        {
            return ValueTask.FromResult<IReadOnlyList<TargetReading>>([]);
        }

        var all = Processes();
        if (!all.TryGetValue(pid, out var root) || root.StartTicks != rootStart || root.Exited)
        {
            gone = true;
            throw new InvalidOperationException($"process {pid} exited at second {elapsed.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)}");
        }

        var tree = Tree(all);
        var now = time.GetTimestamp();
        var seconds = time.GetElapsedTime(previousTimestamp, now).TotalSeconds;
        var uptime = proc.Uptime();
        var current = Read(tree, out var rss, out var fds, out var ioKnown, out var cpusAllowed);
        peak = Math.Max(peak, rss);
        var readings = new List<TargetReading>();
        if (seconds >= MinRateSeconds)
        {
            var sum = default(ProcCounters);
            foreach (var counters in current)
            {
                sum = sum.Plus(counters.Minus(Baseline(counters)));
            }

            var cores = cpusAllowed is { } list ? ProcFiles.CountCpus(list) : null;
            readings.Add(new("target_cpu", (sum.UserTicks + sum.SystemTicks) / ticksPerSecond / seconds, TargetUnit.Cores, cores));
            readings.Add(new("target_cpu_user", sum.UserTicks / ticksPerSecond / seconds, TargetUnit.Cores, cores));
            readings.Add(new("target_cpu_system", sum.SystemTicks / ticksPerSecond / seconds, TargetUnit.Cores, cores));
            readings.Add(new("target_ctx_voluntary", sum.Voluntary / seconds, TargetUnit.PerSecond));
            readings.Add(new("target_ctx_involuntary", sum.Involuntary / seconds, TargetUnit.PerSecond));
            if (ioKnown)
            {
                readings.Add(new("target_read_bytes", sum.ReadBytes / seconds, TargetUnit.BytesPerSecond));
                readings.Add(new("target_write_bytes", sum.WriteBytes / seconds, TargetUnit.BytesPerSecond));
            }

            var net = proc.NetDev(pid);
            if (net is not null && previousNet is not null)
            {
                var (received, sent) = NetDelta(previousNet, net);
                readings.Add(new("target_network_rx", received / seconds, TargetUnit.BytesPerSecond));
                readings.Add(new("target_network_tx", sent / seconds, TargetUnit.BytesPerSecond));
                readings.Add(new("target_network", (received + sent) / seconds, TargetUnit.BytesPerSecond));
            }
            else if (net is null && !netNoted)
            {
                netNoted = true;
                notes.Add($"/proc/{pid}/net/dev cannot be read: no target_network, target_network_rx, target_network_tx");
            }

            previousNet = net;
            previous = current.ToDictionary(c => c.Pid);
            previousTimestamp = now;
            previousUptime = uptime;
        }

        readings.Add(new("target_memory", rss, TargetUnit.Bytes, memTotal));
        readings.Add(new("target_memory_peak", peak, TargetUnit.Bytes, memTotal));
        readings.Add(new("target_threads", current.Sum(c => c.Threads), TargetUnit.Count));
        if (fds is { } open)
        {
            readings.Add(new("target_fds", open, TargetUnit.Count));
        }

        readings.Add(new("target_processes", current.Count, TargetUnit.Count));
        if (!ioKnown && !ioNoted)
        {
            ioNoted = true;
            notes.Add($"/proc/PID/io of the watched processes cannot be read (it takes the processes' own user, or root): no target_read_bytes, target_write_bytes");
        }

        return ValueTask.FromResult<IReadOnlyList<TargetReading>>(readings);
    }

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<TargetSeries>> AfterRunAsync(TargetWindow window, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<TargetSeries>>([]);

    /// <inheritdoc/>
    IReadOnlyList<string> ITargetWatcherNotes.TakeNotes()
    {
        var taken = notes.ToList();
        notes.Clear();
        return taken;
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>USER_HZ from sysconf; 100 where it cannot be asked (not Linux), the value every Linux architecture uses.</summary>
    internal static double ClockTicksPerSecond()
    {
        if (OperatingSystem.IsLinux())
        {
            var ticks = LinuxNative.Sysconf(LinuxNative.SC_CLK_TCK);
            if (ticks > 0)
            {
                return ticks;
            }
        }

        return 100;
    }

    /// <summary>
    /// The stat lines to find the tree in: the watched process and its descendants read through the children files where the
    /// kernel has them (a few reads a second), otherwise every process on the machine (one per process: measured at +31 to
    /// +45 ms of CPU a second on a machine with 117 processes, bench/README.md).
    /// </summary>
    private Dictionary<int, ProcStat> Processes()
    {
        if (!childrenFiles)
        {
            return proc.AllStats();
        }

        var stats = new Dictionary<int, ProcStat>();
        if (proc.Stat(pid) is not { } root)
        {
            return stats;
        }

        stats[pid] = root;
        var queue = new Queue<int>([pid]);
        while (queue.TryDequeue(out var parent))
        {
            foreach (var child in proc.Children(parent) ?? [])
            {
                // A child that exited between the two reads has no stat: it is simply not in the tree this second.
                if (!stats.ContainsKey(child) && proc.Stat(child) is { } stat)
                {
                    stats[child] = stat;
                    queue.Enqueue(child);
                }
            }
        }

        return stats;
    }

    /// <summary>The watched process and every descendant of it, found from each process's parent.</summary>
    private List<ProcStat> Tree(Dictionary<int, ProcStat> all)
    {
        var children = all.Values.Where(s => s.Pid != pid).ToLookup(s => s.Ppid);
        var tree = new List<ProcStat> { all[pid] };
        var seen = new HashSet<int> { pid };
        for (var i = 0; i < tree.Count; i++)
        {
            foreach (var child in children[tree[i].Pid])
            {
                if (seen.Add(child.Pid))
                {
                    tree.Add(child);
                }
            }
        }

        return tree;
    }

    /// <summary>
    /// The counters of every process of the tree, and the tree's memory, open files (null when none could be listed), whether
    /// all io files could be read, and the CPUs the watched process may run on (its affinity, from the same read of its status).
    /// </summary>
    private List<ProcCounters> Read(List<ProcStat> tree, out double rss, out int? fds, out bool ioKnown, out string? cpusAllowed)
    {
        var counters = new List<ProcCounters>(tree.Count);
        rss = 0;
        fds = null;
        ioKnown = true;
        cpusAllowed = null;
        foreach (var stat in tree)
        {
            var read = proc.Status(stat.Pid);
            var status = read?.Numbers;
            if (stat.Pid == pid)
            {
                cpusAllowed = read?.CpusAllowedList;
            }

            if (status is null && stat.Pid != pid)
            {
                // Exited between the listing and this read: it no longer counts (its last counts were taken before).
                continue;
            }

            var io = proc.Fields(stat.Pid, "io");
            ioKnown &= io is not null;
            rss += (status?.GetValueOrDefault("VmRSS") ?? 0) * 1024.0;
            if (proc.OpenFiles(stat.Pid) is { } open)
            {
                fds = (fds ?? 0) + open;
            }

            counters.Add(new ProcCounters(
                stat.Pid,
                stat.StartTicks,
                stat.UserTicks,
                stat.SystemTicks,
                status?.GetValueOrDefault("voluntary_ctxt_switches") ?? 0,
                status?.GetValueOrDefault("nonvoluntary_ctxt_switches") ?? 0,
                io?.GetValueOrDefault("read_bytes") ?? 0,
                io?.GetValueOrDefault("write_bytes") ?? 0,
                stat.Threads));
        }

        return counters;
    }

    /// <summary>
    /// What a process's counters are measured from: its previous reading; zero when it started after the previous sample (all
    /// it did is in this interval); else its first sighting (what it did before it joined the tree is not the target's).
    /// </summary>
    private ProcCounters Baseline(ProcCounters now)
    {
        if (previous.TryGetValue(now.Pid, out var before) && before.StartTicks == now.StartTicks)
        {
            return before;
        }

        return previousUptime is { } uptime && now.StartTicks >= uptime * ticksPerSecond
            ? new ProcCounters(now.Pid, now.StartTicks, 0, 0, 0, 0, 0, 0, 0)
            : now;
    }

    /// <summary>
    /// Bytes received and sent between two readings of net/dev, summed over the interfaces in both: one that appeared counts
    /// from this reading on, one whose counter went backwards (the interface was reset) counts 0 rather than a negative amount.
    /// </summary>
    internal static (long Received, long Sent) NetDelta(Dictionary<string, NetDevBytes> before, Dictionary<string, NetDevBytes> now)
    {
        long received = 0, sent = 0;
        foreach (var (name, bytes) in now)
        {
            if (before.TryGetValue(name, out var then))
            {
                received += Math.Max(0, bytes.Received - then.Received);
                sent += Math.Max(0, bytes.Sent - then.Sent);
            }
        }

        return (received, sent);
    }
}
